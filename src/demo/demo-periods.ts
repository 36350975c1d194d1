/**
 * The reporting rhythm of the demo year: which periods a target is reported for, and on which local
 * day each report reaches the ledger (a few days after the period ends; the year's last ones in 2022).
 */
import { addDays, lastDayOf, workingDay } from './demo-calendar';
import type { DemoRandom } from './demo-random';

/** Monthly for most key indicators; quarterly for growth figures and tasks; yearly for ratings and rankings. */
export type Cadence = 'monthly' | 'quarterly' | 'annual';

export interface DemoPeriod {
  period: string;
  /** How far into the year the period's end lies: 1/12 for January, 1 for the year. */
  fraction: number;
  /** The local day the report is recorded. */
  reportedOn: string;
}

export function periodsOf(year: number, cadence: Cadence, random: DemoRandom): DemoPeriod[] {
  switch (cadence) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => ({
        period: `${year}-${String(i + 1).padStart(2, '0')}`,
        fraction: (i + 1) / 12,
        reportedOn: workingDay(addDays(lastDayOf(year, i + 1), random.int(3, 9))),
      }));
    case 'quarterly':
      return Array.from({ length: 4 }, (_, i) => ({
        period: `${year}-Q${i + 1}`,
        fraction: (i + 1) / 4,
        reportedOn: workingDay(addDays(lastDayOf(year, (i + 1) * 3), random.int(6, 20))),
      }));
    case 'annual':
      return [{ period: String(year), fraction: 1, reportedOn: workingDay(addDays(lastDayOf(year, 12), random.int(35, 65))) }];
    default: {
      const unknown: never = cadence;
      throw new Error(`Unknown cadence ${String(unknown)}`);
    }
  }
}

/** The quarter (1–4) a local day falls in. */
export function quarterOf(day: string): number {
  return Math.ceil(Number(day.slice(5, 7)) / 3);
}
