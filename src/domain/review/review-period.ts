/**
 * The periods a review (sơ kết) covers and how they relate: the resolution asks for a review every
 * quarter ("Định kỳ hàng quý tổ chức rà soát, sơ kết"), and the half-year and the year close the
 * same way. Pure: the clock arrives as an argument.
 */
import { InvalidInputError } from '../../shared/errors';
import { comparePeriods, parsePeriod, PERIOD_PATTERN, periodEnd, type Period } from '../indicator/period';

/** A year's reviewable periods, in the order a year goes through them. */
export function reviewablePeriods(year: number): string[] {
  return [`${year}-Q1`, `${year}-Q2`, `${year}-H1`, `${year}-Q3`, `${year}-Q4`, `${year}`];
}

/** A quarter, the first half-year or the year; anything else (a month, the second half, bad text) is refused. */
export function parseReviewPeriod(text: string): Period {
  const period = PERIOD_PATTERN.test(text) ? parsePeriod(text) : null;
  if (!period || !reviewablePeriods(period.year).includes(period.id)) {
    throw new InvalidInputError('INVALID_REVIEW_PERIOD', `"${text}" is not a reviewable period: one of YYYY-Q1…YYYY-Q4, YYYY-H1 or YYYY`, {
      period: text,
    });
  }
  return period;
}

/**
 * The quarter whose review comes before this one: the quarter ending three months before the
 * period ends (Q1 before Q2 and before H1, Q3 before the year). Null for the first quarter: nothing
 * of the year was reviewed before it.
 */
export function previousQuarter(period: Period): Period | null {
  const lastMonth = period.lastMonth - 3;
  if (lastMonth < 3) return null;
  return parsePeriod(`${period.year}-Q${lastMonth / 3}`);
}

/** Whether a report for `reportPeriod` counts in the review of `review`: its period ends on or before the review's end. */
export function visibleIn(reportPeriod: Period, review: Period): boolean {
  return reportPeriod.year < review.year || (reportPeriod.year === review.year && reportPeriod.lastMonth <= review.lastMonth);
}

/**
 * Whether a report for `reportPeriod` is a report *for* the review's period: its period ends within
 * the reviewed span (a June or H1 report is a report for Q2; a March report is not).
 */
export function reportsOn(reportPeriod: Period, review: Period): boolean {
  return reportPeriod.year === review.year && reportPeriod.lastMonth >= review.firstMonth && reportPeriod.lastMonth <= review.lastMonth;
}

/** Whether the period's last day has passed (Vietnam time) at `now`: only then can its review be approved. */
export function isPeriodOver(period: Period, now: Date): boolean {
  return now.getTime() >= periodEnd(period).getTime();
}

/** Sorts period ids as `comparePeriods` orders them. */
export function byPeriodEnd(a: string, b: string): number {
  return comparePeriods(parsePeriod(a), parsePeriod(b));
}

/** The local date of the period's first day, YYYY-MM-DD. */
export function periodFirstDay(period: Period): string {
  return `${period.year}-${String(period.firstMonth).padStart(2, '0')}-01`;
}
