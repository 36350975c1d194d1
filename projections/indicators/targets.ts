/**
 * Target views and their standing. The latest figure and the status are always recomputed from the
 * stored latest figures with the domain's own `latestFigure` and `targetStatus`, never patched in
 * place, so a correction or a revision yields exactly what a full replay would.
 */
import { latestFigure } from '../../src/domain/indicator/latest-figures';
import { TARGET_STATUSES, targetStatus, type LatestFigure, type TargetStatus } from '../../src/domain/indicator/status';
import { targetKind, type Target } from '../../src/domain/indicator/target';
import type { IndicatorFigure, IndicatorTargetView, StatusSummary } from './document';

/**
 * Most serious first, for `worstStatus`: a final miss, then an interim shortfall, then silence
 * (no report is worse than a report on track: nobody can vouch for the target), then on track,
 * then achieved.
 */
export const STATUS_SEVERITY: readonly TargetStatus[] = ['not_achieved', 'at_risk', 'no_data', 'on_track', 'achieved'];

/** A target as the read model stores it, before any figure is applied. */
export function targetView(target: Target): IndicatorTargetView {
  return {
    metric: target.metric,
    label: target.label,
    kind: targetKind(target),
    comparator: target.comparator ?? null,
    value: target.value ?? null,
    min: target.min ?? null,
    max: target.max ?? null,
    unit: target.unit ?? null,
    measure: target.measure ?? null,
    accumulation: target.accumulation ?? null,
    dueDate: target.dueDate ?? null,
    rankingIndex: target.rankingIndex ?? null,
    latestValue: null,
    latestState: null,
    latestCompletedOn: null,
    latestPeriod: null,
    latestReportId: null,
    status: 'no_data',
  };
}

/** The domain target back from a view, for the domain's status rule (nulls become absent fields). */
export function domainTarget(view: IndicatorTargetView): Target {
  if (view.kind === 'milestone') {
    return view.dueDate === null ? { kind: 'milestone', metric: view.metric, label: view.label } : { kind: 'milestone', metric: view.metric, label: view.label, dueDate: view.dueDate };
  }
  // Views stored before target kinds existed have no kind: every one of them is numeric. Only a
  // milestone's goal fields are null.
  const target: Target = {
    metric: view.metric,
    label: view.label,
    comparator: view.comparator!,
    unit: view.unit!,
    measure: view.measure!,
    accumulation: view.accumulation!,
  };
  if (view.value !== null) target.value = view.value;
  if (view.min !== null) target.min = view.min;
  if (view.max !== null) target.max = view.max;
  if (view.dueDate !== null) target.dueDate = view.dueDate;
  if (view.rankingIndex !== null) target.rankingIndex = view.rankingIndex;
  return target;
}

/** What the status rule reads of a stored figure: its period and its value, or its state and completion day. */
export function figureReading(figure: IndicatorFigure): LatestFigure {
  const { period, value, state, completedOn } = figure;
  // Figures stored before milestones existed have no state field: they are all values.
  if (!state) return { period, value: value! };
  return completedOn ? { period, state, completedOn } : { period, state };
}

/** Each target with its latest figure and status as the given figures imply. */
export function withStandings(targets: readonly IndicatorTargetView[], figures: readonly IndicatorFigure[]): IndicatorTargetView[] {
  return targets.map((target) => standingOf(target, figures));
}

/** One target with its latest figure and status as the given figures imply. */
export function standingOf(target: IndicatorTargetView, figures: readonly IndicatorFigure[]): IndicatorTargetView {
  const latest = latestFigure(figures, target.metric);
  return {
    ...target,
    latestValue: latest ? latest.value : null,
    latestState: latest ? latest.state ?? null : null,
    latestCompletedOn: latest ? latest.completedOn ?? null : null,
    latestPeriod: latest ? latest.period : null,
    latestReportId: latest ? latest.reportId : null,
    status: targetStatus(domainTarget(target), latest ? figureReading(latest) : null),
  };
}

export function summarizeStatuses(targets: readonly IndicatorTargetView[]): StatusSummary {
  // Built key by key in TARGET_STATUSES order (the order the API shows), without Object.fromEntries:
  // this runs on every projected report.
  const summary = {} as StatusSummary;
  for (const status of TARGET_STATUSES) summary[status] = 0;
  for (const target of targets) summary[target.status] += 1;
  return summary;
}

/** The most serious status among the targets; `no_data` when there are none. */
export function worstStatus(targets: readonly IndicatorTargetView[]): TargetStatus {
  let worst = STATUS_SEVERITY.length;
  for (const target of targets) {
    const severity = STATUS_SEVERITY.indexOf(target.status);
    if (severity >= 0 && severity < worst) worst = severity;
  }
  return worst < STATUS_SEVERITY.length ? STATUS_SEVERITY[worst] : 'no_data';
}
