/**
 * Which report gives a target its "latest value" (a milestone its latest state): the one whose
 * period ends last (a Q2 figure filed in August still outranks a March figure). Among periods
 * ending together the longer span wins (the H1 figure over the June figure), then the later
 * recorded. Values are year-to-date for cumulative targets, so the latest figure is the figure;
 * reports are never summed.
 */
import { comparePeriods, parsePeriod } from './period';
import type { Reading } from './reading';

/** What ranks a report among its metric's reports: its period, then when it was recorded. */
export interface RankedReport {
  metric: string;
  period: string;
  recordedAt: string;
}

/** A report's reading with what ranks it. */
export type ReportFigure = RankedReport & Reading;

export function latestFigure<F extends RankedReport>(reports: readonly F[], metric: string): F | null {
  let best: F | null = null;
  for (const report of reports) {
    if (report.metric !== metric) continue;
    if (!best || isLater(report, best)) best = report;
  }
  return best;
}

/** Whether `a` outranks `b` as a metric's latest figure; equal rank is not later, so the first of equals stays. */
export function isLater(a: RankedReport, b: RankedReport): boolean {
  const byPeriod = comparePeriods(parsePeriod(a.period), parsePeriod(b.period));
  if (byPeriod !== 0) return byPeriod > 0;
  return a.recordedAt > b.recordedAt;
}
