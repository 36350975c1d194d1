/**
 * "What was recorded during the period" (section III of the review): the events on the
 * resolution's indicators and tasks that
 * - were recorded within the period's span (Vietnam time), or
 * - concern a report *for* the period (its period ends within the span), whenever recorded up to
 *   the cut-off — a quarter's figures are filed after it ends, and belong to its review;
 * and never an event about a report for a later period: a Q3 report, its corrections and its
 * queries stay out of the Q2 review whenever they were recorded.
 */
import { summarizeIndicatorEvent } from '../../../projections/indicator-history/summary';
import type { RecordedIndicatorEvent } from '../../../projections/indicator-event';
import { parsePeriod, periodEnd, periodStart, type Period } from '../../domain/indicator/period';
import { reportsOn, visibleIn } from '../../domain/review/review-period';
import type { ReviewActivityCounts, ReviewActivityEntry, ReviewActivityType } from './review-content.types';

const COUNTED: Record<ReviewActivityType, keyof ReviewActivityCounts> = {
  ProgressReported: 'reports',
  ProgressReportCorrected: 'corrections',
  ResponsibilityReassigned: 'reassignments',
  TargetRevised: 'revisions',
  ReportQueried: 'queriesRaised',
  ReportQueryAnswered: 'queriesAnswered',
  ReportQueryClosed: 'queriesClosed',
  IndicatorAssessed: 'assessments',
};

export function emptyActivityCounts(): ReviewActivityCounts {
  return { reports: 0, corrections: 0, reassignments: 0, revisions: 0, queriesRaised: 0, queriesAnswered: 0, queriesClosed: 0, assessments: 0 };
}

/** The period's activity on the given indicator events, ordered by recorded time, then indicator and revision. */
export function activityOf(events: readonly RecordedIndicatorEvent[], period: Period): { counts: ReviewActivityCounts; entries: ReviewActivityEntry[] } {
  const from = periodStart(period).getTime();
  const to = periodEnd(period).getTime();
  const entries: ReviewActivityEntry[] = [];
  for (const event of events) {
    if (event.type === 'IndicatorRegistered') continue;
    const reportPeriod = 'period' in event.data ? parsePeriod(event.data.period) : null;
    if (reportPeriod && !visibleIn(reportPeriod, period)) continue;
    const recordedAt = Date.parse(event.metadata.recordedAt);
    const recordedWithin = recordedAt >= from && recordedAt < to;
    if (!recordedWithin && !(reportPeriod && reportsOn(reportPeriod, period))) continue;
    entries.push(entryOf(event as RecordedIndicatorEvent & { type: ReviewActivityType }));
  }
  entries.sort(
    (a, b) => compareText(a.recordedAt, b.recordedAt) || compareText(a.indicatorId, b.indicatorId) || a.revision - b.revision,
  );
  const counts = emptyActivityCounts();
  for (const entry of entries) counts[COUNTED[entry.type]] += 1;
  return { counts, entries };
}

function entryOf(event: RecordedIndicatorEvent & { type: ReviewActivityType }): ReviewActivityEntry {
  const data = event.data as { metric?: string; period?: string; reportId?: string; queryId?: string; reason?: string; decisionRef?: string };
  return {
    indicatorId: event.data.indicatorId,
    revision: event.revision,
    type: event.type,
    recordedAt: event.metadata.recordedAt,
    actor: { id: event.metadata.actor.id, unitId: event.metadata.actor.unitId ?? null },
    metric: data.metric ?? null,
    period: data.period ?? null,
    reportId: data.reportId ?? null,
    queryId: data.queryId ?? null,
    reason: data.reason ?? null,
    decisionRef: data.decisionRef ?? null,
    summary: summarizeIndicatorEvent(event),
  };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
