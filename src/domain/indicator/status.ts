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
 *
 * A milestone target (nhiệm vụ định tính) is judged by the state of its latest report, in the same
 * vocabulary (see `milestoneStatus`): no status is added for it, so lists, filters, severity
 * ordering and exports treat tasks and figures alike.
 */
import { parsePeriod, periodLastDay, yearFractionAtEnd, type Period } from './period';
import type { MilestoneReading, NumericReading } from './reading';
import { assertNever, isMilestone, type MilestoneTarget, type NumericTarget, type Target } from './target';

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'not_achieved' | 'no_data';

export const TARGET_STATUSES: readonly TargetStatus[] = ['achieved', 'on_track', 'at_risk', 'not_achieved', 'no_data'];

/** What the rule reads of the latest report: its period and its figure, or its state (a narrative changes no standing). */
export type LatestFigure = { period: string } & (Omit<NumericReading, 'narrative'> | Omit<MilestoneReading, 'narrative'>);

export function targetStatus(target: Target, latest: LatestFigure | null): TargetStatus {
  if (!latest) return 'no_data';
  if (isMilestone(target)) return milestoneStatus(target, latest);
  // The decider never records a state against a numeric target; such a report could not be judged.
  if (latest.value === undefined) return 'no_data';
  const period = parsePeriod(latest.period);
  const met = meetsTarget(target, latest.value);
  if (isFinal(target, period)) return met ? 'achieved' : 'not_achieved';
  if (target.accumulation === 'level' || target.comparator === 'top_group' || target.comparator === '=') {
    return met ? 'on_track' : 'at_risk';
  }
  return meetsProRata(target, latest.value, elapsedShare(target, period)) ? 'on_track' : 'at_risk';
}

/**
 * A milestone target's standing, from the state of its latest report:
 * 1. `completed`: `achieved` when finished on or before the due date (or with no due date), else
 *    `not_achieved` — finished late still misses a deadline the resolution set;
 * 2. `not_completed`: `not_achieved`, whatever the period: the unit declares the task will not be done;
 * 3. `in_progress` or `not_started` in a *final* report (its period ends with the year, or on or
 *    after the due date): `not_achieved` — the deadline, or the year, ran out before completion;
 * 4. otherwise `in_progress` is `on_track` and `not_started` is `at_risk`: every body was to turn
 *    the resolution into a concrete plan within January (section III.1), so a task not begun at a
 *    later report is behind.
 */
export function milestoneStatus(target: MilestoneTarget, latest: LatestFigure): TargetStatus {
  // The decider never records a figure against a milestone; such a report could not be judged.
  if (latest.state === undefined) return 'no_data';
  const period = parsePeriod(latest.period);
  switch (latest.state) {
    case 'completed': {
      // Every completion carries its day; one without would count as done by the period's end.
      const doneOn = latest.completedOn ?? periodLastDay(period);
      return target.dueDate === undefined || doneOn <= target.dueDate ? 'achieved' : 'not_achieved';
    }
    case 'not_completed':
      return 'not_achieved';
    case 'in_progress':
    case 'not_started':
      if (isFinal(target, period)) return 'not_achieved';
      return latest.state === 'in_progress' ? 'on_track' : 'at_risk';
    default:
      return assertNever(latest);
  }
}

/** Whether a value satisfies the target as stated. */
export function meetsTarget(target: NumericTarget, value: number): boolean {
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

function isFinal(target: Pick<Target, 'dueDate'>, period: Period): boolean {
  if (period.lastMonth === 12) return true;
  return target.dueDate !== undefined && periodLastDay(period) >= target.dueDate;
}

/** Share (0–1] of the time allowed for the target that has passed by the end of the period. */
function elapsedShare(target: NumericTarget, period: Period): number {
  const yearShare = yearFractionAtEnd(period);
  if (!target.dueDate) return yearShare;
  const dueMonth = Number(target.dueDate.slice(5, 7));
  return Math.min(1, period.lastMonth / dueMonth);
}

function meetsProRata(target: NumericTarget, value: number, share: number): boolean {
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
