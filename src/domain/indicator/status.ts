/**
 * The standing of one target, computed from reported data only (never from the wall clock), so that
 * replaying the same events always gives the same status and an auditor can reproduce it.
 *
 * Rule:
 * 1. No report for the target: `no_data`.
 * 2. The latest report (by period end) is *final* when its period ends with the year, or on/after the
 *    target's due date. A final figure is `achieved` if it meets the target, else `not_achieved`.
 * 3. An interim figure of a `level` target is `on_track` if it already meets the target, else `at_risk`.
 * 4. An interim figure of a `cumulative` target is compared with the pro-rata expectation: the target
 *    scaled by the share of the time elapsed at the period's end (of the year, or up to the due date).
 *    At or above it is `on_track`, below it `at_risk`. A cumulative "at most" target (`<`, `<=`) is
 *    `at_risk` once the running total already breaks it, `on_track` otherwise.
 * 5. Rankings (`top_group`) and `=` targets are judged like levels.
 */
import { parsePeriod, periodLastDay, yearFractionAtEnd, type Period } from './period';
import { assertNever, type Target } from './target';

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'not_achieved' | 'no_data';

export const TARGET_STATUSES: readonly TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'not_achieved', 'no_data'];

export interface LatestFigure {
  period: string;
  value: number;
}

export function targetStatus(target: Target, latest: LatestFigure | null): TargetStatus {
  if (!latest) return 'no_data';
  const period = parsePeriod(latest.period);
  const met = meetsTarget(target, latest.value);
  if (isFinal(target, period)) return met ? 'achieved' : 'not_achieved';
  if (target.accumulation === 'level' || target.comparator === 'top_group' || target.comparator === '=') {
    return met ? 'on_track' : 'at_risk';
  }
  return meetsProRata(target, latest.value, elapsedShare(target, period)) ? 'on_track' : 'at_risk';
}

/** Whether a value satisfies the target as stated. */
export function meetsTarget(target: Target, value: number): boolean {
  const threshold = target.value ?? 0;
  switch (target.comparator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '=':
      return roundTo(value, decimalsOf(threshold)) === threshold;
    case 'between':
      return value >= (target.min ?? -Infinity) && value <= (target.max ?? Infinity);
    case 'top_group':
      return value <= threshold;
    default:
      return assertNever(target.comparator);
  }
}

function isFinal(target: Target, period: Period): boolean {
  if (period.lastMonth === 12) return true;
  return target.dueDate !== undefined && periodLastDay(period) >= target.dueDate;
}

/** Share (0–1] of the time allowed for the target that has passed by the end of the period. */
function elapsedShare(target: Target, period: Period): number {
  const yearShare = yearFractionAtEnd(period);
  if (!target.dueDate) return yearShare;
  const dueMonth = Number(target.dueDate.slice(5, 7));
  return Math.min(1, period.lastMonth / dueMonth);
}

function meetsProRata(target: Target, value: number, share: number): boolean {
  switch (target.comparator) {
    case '>=':
    case '>':
      return value >= (target.value ?? 0) * share;
    case 'between':
      return value >= (target.min ?? 0) * share && value <= (target.max ?? Infinity);
    case '<=':
    case '<':
      return meetsTarget(target, value);
    case '=':
    case 'top_group':
      return meetsTarget(target, value);
    default:
      return assertNever(target.comparator);
  }
}

function decimalsOf(n: number): number {
  const text = String(n);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

function roundTo(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(n * factor) / factor;
}
