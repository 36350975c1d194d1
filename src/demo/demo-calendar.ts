/**
 * When the demo's units write: on working days, in office hours, Vietnam time (UTC+07:00), so the
 * history reads like a real year's. Dates are local calendar days `YYYY-MM-DD`.
 */
import type { DemoRandom } from './demo-random';

const LOCAL_OFFSET_HOURS = 7;

/** The local day `days` after `day` (negative goes back). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The day itself when it is a weekday, otherwise the Monday after. */
export function workingDay(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}

/** An instant on that local day between 08:00 and 16:59, as an ISO string in UTC. */
export function officeHours(day: string, random: DemoRandom): string {
  const minutes = random.int(8 * 60, 16 * 60 + 59);
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date, 0, minutes - LOCAL_OFFSET_HOURS * 60, random.int(0, 59))).toISOString();
}

/** The local day of the month's last day: `lastDayOf(2021, 2)` is `2021-02-28`. */
export function lastDayOf(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** A later instant, `minutes` on (for a step that must follow another on the same day). */
export function minutesAfter(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
