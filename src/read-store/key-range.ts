/**
 * A range condition on one field, `{ $gt | $gte: a, $lt | $lte: b }`, whose bounds are all finite
 * numbers or all strings. mingo compares a value with a bound only when both have the same type,
 * numbers numerically and strings by UTF-16 code units (`<`), which is exactly how `rangeTester`
 * and the sorted lists compare them; so for a member holding one scalar, being in range is the match.
 */

export interface Bound<K extends number | string> {
  value: K;
  inclusive: boolean;
}

export interface KeyRange<K extends number | string = number | string> {
  lower?: Bound<K>;
  upper?: Bound<K>;
}

/** The bounds of a range condition on numbers or on strings (not both); null for any other condition. */
export function keyRange(condition: unknown): KeyRange | null {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const operators = Object.entries(condition as Record<string, unknown>);
  if (operators.length === 0) return null;
  const range: KeyRange = {};
  let type: 'number' | 'string' | undefined;
  for (const [operator, value] of operators) {
    const valueType = typeof value === 'number' && Number.isFinite(value) ? 'number' : typeof value === 'string' ? 'string' : undefined;
    if (valueType === undefined || (type !== undefined && valueType !== type)) return null;
    type = valueType;
    const bound = { value: value as number | string, inclusive: operator === '$gte' || operator === '$lte' };
    if ((operator === '$gt' || operator === '$gte') && range.lower === undefined) range.lower = bound;
    else if ((operator === '$lt' || operator === '$lte') && range.upper === undefined) range.upper = bound;
    else return null;
  }
  return range;
}

/** A range on numbers only (a position cursor); null for anything else. */
export function numericRange(condition: unknown): KeyRange<number> | null {
  const range = keyRange(condition);
  return range !== null && isNumeric(range) ? range : null;
}

function isNumeric(range: KeyRange): range is KeyRange<number> {
  return typeof (range.lower ?? range.upper)?.value === 'number';
}

/** A test of whether a scalar is within the range, compared as mingo compares it (a value of another type never is). */
export function rangeTester(range: KeyRange): (value: unknown) => boolean {
  const { lower, upper } = range;
  const type = typeof (lower ?? upper)!.value;
  const aboveLower = lower === undefined ? null : lower.inclusive ? (key: number | string) => key >= lower.value : (key: number | string) => key > lower.value;
  const belowUpper = upper === undefined ? null : upper.inclusive ? (key: number | string) => key <= upper.value : (key: number | string) => key < upper.value;
  return (value) => typeof value === type && (aboveLower === null || aboveLower(value as number | string)) && (belowUpper === null || belowUpper(value as number | string));
}
