/**
 * Vietnamese formats, through Intl only: numbers `1.234,5`, dates `dd/mm/yyyy`, times in Vietnam
 * time (Asia/Ho_Chi_Minh), whatever the browser's own locale and time zone.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFormats = new Map<number, Intl.NumberFormat>();

/** `1234.5` → `1.234,5`; up to `maxFractionDigits` decimals, none added. */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let format = numberFormats.get(maxFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxFractionDigits, useGrouping: true });
    numberFormats.set(maxFractionDigits, format);
  }
  return format.format(value);
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: VIETNAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: VIETNAM_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/**
 * An instant (`2021-07-20T03:00:00Z`) as its day in Vietnam, `20/07/2021`; a calendar day
 * (`2021-09-05`) as itself, `05/09/2021`, with no time zone shift.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const { day: d, month, year } = parts(dateFormat, date);
  return `${d}/${month}/${year}`;
}

/** An instant in Vietnam time: `20/07/2021 10:00`. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const { hour, minute } = parts(timeFormat, date);
  return `${formatDate(value)} ${hour}:${minute}`;
}

/** A reporting period in words: `2021-03` → `Tháng 3/2021`, `2021-Q1` → `Quý I/2021`, `2021-H1` → `6 tháng đầu năm 2021`, `2021` → `Năm 2021`. */
export function formatPeriod(period: string | null | undefined): string {
  if (!period) return '—';
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `Tháng ${Number(month[2])}/${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `Quý ${['I', 'II', 'III', 'IV'][Number(quarter[2]) - 1]}/${quarter[1]}`;
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) return half[2] === '1' ? `6 tháng đầu năm ${half[1]}` : `6 tháng cuối năm ${half[1]}`;
  if (/^\d{4}$/.test(period)) return `Năm ${period}`;
  return period;
}

/** The last day of a period, `YYYY-MM-DD` (for ordering reports and placing them on a time axis). */
export function periodEnd(period: string): string | null {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return lastDay(Number(month[1]), Number(month[2]));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return lastDay(Number(quarter[1]), Number(quarter[2]) * 3);
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) return lastDay(Number(half[1]), Number(half[2]) * 6);
  if (/^\d{4}$/.test(period)) return `${period}-12-31`;
  return null;
}

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A value with its unit: `97 %`, `1.000 doanh nghiệp`, `6,5 %`. */
export function formatQuantity(value: number | null | undefined, unit: string | null | undefined, maxFractionDigits = 2): string {
  const number = formatNumber(value, maxFractionDigits);
  if (number === '—' || !unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** A day and time typed in Vietnam time (`2021-06-30`, `2021-06-30T14:00`) as an ISO instant with its offset, which the API asks for. */
export function vietnamInstant(day: string, time = '00:00:00'): string {
  return `${day}T${time.length === 5 ? `${time}:00` : time}+07:00`;
}

/** A day typed as `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` between) as `YYYY-MM-DD`; null when it is not a real day. */
export function parseVietnameseDate(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
