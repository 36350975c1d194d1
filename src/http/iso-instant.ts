/**
 * ISO-8601 instants as query parameters (`asOf`, `from`, `to`): a calendar date, a time and an
 * explicit UTC offset, e.g. `2021-06-30T23:59:59+07:00` or `2021-06-30T16:59:59.999Z`. A date alone
 * or a time without an offset is refused: "30 June" means a different instant in Hạ Long than on
 * the server, and an audit answer must not depend on where it was asked. `Date.parse` alone is not
 * enough: it turns 30 February into 2 March.
 */
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export const ISO_INSTANT_EXAMPLE = '2021-06-30T23:59:59+07:00';

/** The instant, or null when the text is not a valid ISO-8601 date-time with an offset. Sub-millisecond digits are truncated. */
export function parseIsoInstant(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', , sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const [offsetHours, offsetMinutes] = [Number(oh), Number(om)];
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
  if (!valid) return null;
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offsetMs);
  // Date.UTC maps years 0–99 to 1900–1999; no ledger date is that old, so refuse rather than misread.
  return year < 100 || Number.isNaN(date.getTime()) ? null : date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => parseIsoInstant(value) !== null,
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO-8601 date-time with a UTC offset, e.g. ${ISO_INSTANT_EXAMPLE}`, options),
      },
    },
    options,
  );
}
