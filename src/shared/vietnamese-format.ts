/**
 * Numbers and dates written the way the resolution writes them: a decimal comma and a thousands dot
 * ("15,6%", "1.000 doanh nghiệp"), dates as dd/mm/yyyy. Hand-rolled rather than Intl so the output
 * does not depend on which ICU data the Node build ships with: summaries are stored in read models
 * and must come out identical on every machine that rebuilds them.
 */

/** Enough to show any figure a unit reports, few enough to hide floating-point noise (0.1 + 0.2). */
const DEFAULT_MAX_FRACTION_DIGITS = 6;

export function formatVietnameseNumber(value: number, maxFractionDigits = DEFAULT_MAX_FRACTION_DIGITS): string {
  // Whole figures (people, jobs, enterprises: most reports) need no rounding, only grouping; this
  // runs for every report and correction a rebuild summarises.
  if (Number.isSafeInteger(value)) return groupedInteger(value);
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  // toFixed switches to exponent notation from 1e21: no sensible grouping exists there.
  if (fixed.includes('e')) return String(value).replace('.', ',');
  const [integerDigits, fractionDigits = ''] = fixed.split('.');
  const fraction = fractionDigits.replace(/0+$/, '');
  const grouped = integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  // A value that rounds to zero prints as "0", never "-0".
  const sign = value < 0 && (/[1-9]/.test(integerDigits) || fraction !== '') ? '-' : '';
  return `${sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** A whole number with a dot every three digits: 1234567 → '1.234.567' (-0 → '0'). */
function groupedInteger(value: number): string {
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `.${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}

/** '2021-09-05' → '05/09/2021'. Anything that is not an ISO date is returned unchanged. */
export function formatVietnameseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}
