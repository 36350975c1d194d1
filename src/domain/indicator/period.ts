/**
 * Reporting periods (kỳ báo cáo): a month `2021-03`, a quarter `2021-Q1`, a half-year `2021-H1`
 * or the whole year `2021`. Periods are calendar spans in Vietnam's local time (UTC+07:00, no DST),
 * because that is the calendar the units report against.
 */
import { InvalidInputError } from '../../shared/errors';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  /** Canonical text, e.g. '2021-Q2'. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** First and last month of the span, 1–12. */
  firstMonth: number;
  lastMonth: number;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;

const LOCAL_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * Parsed periods, frozen and shared: status and latest-figure rules compare periods for every
 * report of every target on each projected event. At most 19 valid periods per year exist, so the
 * cache stays small; invalid text is never cached.
 */
const PARSED = new Map<string, Readonly<Period>>();

export function parsePeriod(text: string): Period {
  let period = PARSED.get(text);
  if (period === undefined) {
    period = Object.freeze(parseUncached(text));
    PARSED.set(text, period);
  }
  return period;
}

function parseUncached(text: string): Period {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) {
    throw new InvalidInputError(
      'INVALID_PERIOD',
      `Period "${text}" is not one of YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY`,
      { period: text },
    );
  }
  const year = Number(match[1]);
  if (match[2]) {
    const month = Number(match[2]);
    return { id: text, kind: 'month', year, firstMonth: month, lastMonth: month };
  }
  if (match[3]) {
    const q = Number(match[3]);
    return { id: text, kind: 'quarter', year, firstMonth: q * 3 - 2, lastMonth: q * 3 };
  }
  if (match[4]) {
    const h = Number(match[4]);
    return { id: text, kind: 'half', year, firstMonth: h * 6 - 5, lastMonth: h * 6 };
  }
  return { id: text, kind: 'year', year, firstMonth: 1, lastMonth: 12 };
}

/** The UTC instant the period starts: local midnight on its first day. */
export function periodStart(period: Period): Date {
  return new Date(Date.UTC(period.year, period.firstMonth - 1, 1) - LOCAL_OFFSET_MS);
}

/** The UTC instant just after the period ends: local midnight after its last day. */
export function periodEnd(period: Period): Date {
  return new Date(Date.UTC(period.year, period.lastMonth, 1) - LOCAL_OFFSET_MS);
}

/** The local calendar day (UTC+07:00) of an instant, YYYY-MM-DD: the day a unit would write on its report. */
export function localDay(instant: string): string {
  return new Date(Date.parse(instant) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local date of the period's last day, YYYY-MM-DD. */
export function periodLastDay(period: Period): string {
  const lastDay = new Date(Date.UTC(period.year, period.lastMonth, 0));
  return lastDay.toISOString().slice(0, 10);
}

/** Share of the calendar year the period's end has reached: 0.25 for Q1, 1 for the year. */
export function yearFractionAtEnd(period: Period): number {
  return period.lastMonth / 12;
}

/** Compares periods by when they end, then by span (a month before the quarter ending with it). */
export function comparePeriods(a: Period, b: Period): number {
  const endA = a.year * 12 + a.lastMonth;
  const endB = b.year * 12 + b.lastMonth;
  if (endA !== endB) return endA - endB;
  return (a.lastMonth - a.firstMonth) - (b.lastMonth - b.firstMonth);
}
