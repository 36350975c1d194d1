/**
 * Deep copies of read-model documents, several times faster than `structuredClone` on the plain
 * JSON-like data projections produce, and sharing the (immutable) strings instead of duplicating
 * them, which keeps the embedded read models' memory near the size of their content.
 *
 * Plain objects, arrays, dates and regular expressions are copied here; anything else (class
 * instances, maps, typed arrays, boxed values) and any subtree nested deeper than MAX_PLAIN_DEPTH (a
 * cycle, or data no read model has) is left to `structuredClone`, so the result is what
 * `structuredClone` would give. Functions and symbols are refused the way it refuses them.
 */
import { isDate, isPlainObject, isRegExp, MAX_PLAIN_DEPTH } from './plain-values';

/** `undefined` becomes null when `undefinedAsNull` (how MongoDB stores it), else stays undefined. */
export function plainCopy<T>(value: T, undefinedAsNull = false): T {
  return copy(value, undefinedAsNull, 0) as T;
}

function copy(value: unknown, undefinedAsNull: boolean, depth: number): unknown {
  if (value === undefined) return undefinedAsNull ? null : undefined;
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value); // throws DataCloneError
    return value;
  }
  if (depth > MAX_PLAIN_DEPTH) return exotic(value, undefinedAsNull);
  if (Array.isArray(value)) {
    const result: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) result[i] = copy(value[i], undefinedAsNull, depth + 1);
    return result;
  }
  if (isPlainObject(value)) {
    // Spread first, then replace the nested values in place: the copy takes the source's hidden
    // class and stays a fast object. Adding two dozen properties one by one would leave V8 a
    // dictionary-mode object, slow to read, to serialise and to destructure for every reader.
    // Spread also keeps an own `__proto__` key (JSON.parse makes them) as a key.
    if (Object.getOwnPropertySymbols(value).length > 0) return exotic(value, undefinedAsNull);
    const result: Record<string, unknown> = { ...value };
    for (const key of Object.keys(result)) {
      const item = result[key];
      if (item === undefined || (item !== null && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')) {
        result[key] = copy(item, undefinedAsNull, depth + 1);
      }
    }
    return result;
  }
  if (isDate(value)) return new Date((value as Date).getTime());
  if (isRegExp(value)) return new RegExp((value as RegExp).source, (value as RegExp).flags);
  return exotic(value, undefinedAsNull);
}

function exotic(value: object, undefinedAsNull: boolean): unknown {
  const cloned: unknown = structuredClone(value);
  return undefinedAsNull ? replaceUndefined(cloned) : cloned;
}

/** In place, on a copy we own. */
function replaceUndefined(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = replaceUndefined(item)));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = replaceUndefined(value[key]);
  }
  return value;
}
