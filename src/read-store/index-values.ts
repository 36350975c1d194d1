/**
 * Index values as MongoDB sees them: every value a path reaches (descending into arrays, a missing
 * value being null), and a value encoded as a string key that keeps its type (1 and '1' differ).
 * The equality maps and ordered runs key their sets by these strings.
 */
import { isDate } from './plain-values';

/** Every value the path reaches, descending into arrays as MongoDB does; a missing value is null. */
export function valuesAt(value: unknown, segments: readonly string[]): unknown[] {
  if (Array.isArray(value)) {
    const found = value.flatMap((item) => valuesAt(item, segments));
    return found.length > 0 ? found : [null];
  }
  if (segments.length === 0) return [value ?? null];
  if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, segments[0])) {
    return [null];
  }
  return valuesAt((value as Record<string, unknown>)[segments[0]], segments.slice(1));
}

/** A value as an index key: type and value, so 1 and '1' differ. */
export function encodeKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return `n:${Object.is(value, -0) ? 0 : value}`;
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (isDate(value)) return `d:${value.getTime()}`;
  return `o:${JSON.stringify(value)}`;
}
