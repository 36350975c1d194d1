/**
 * Taking ownership of a document instead of copying it. The projection runner hands its batch over
 * at commit and never touches those objects again, so the in-memory store can keep them as they
 * are: no copy, and no garbage from one. What a copy did besides isolating must still happen: the
 * document is stored as MongoDB would store it (`undefined` becomes null), in place.
 *
 * Only JSON-like data is adopted (plain objects, arrays, strings, numbers, booleans, null; what
 * projections produce). Anything else (a date, a class instance, a function, a cycle) makes
 * `adoptInPlace` answer false, and the caller stores a copy (stored-copy.ts), which treats such
 * values exactly as before.
 */
import { isPlainObject } from './plain-values';

const MAX_DEPTH = 100;

/**
 * True when `document` can be kept as it is; its `undefined` values have then been replaced by
 * null. One pass: a document refused halfway may already have some replaced, which changes
 * nothing for the copy the caller makes of it instead (a copy stores them as null too), and
 * nobody else looks at a handed-over document.
 */
export function adoptInPlace(document: object): boolean {
  return adoptValue(document, 0);
}

function adoptValue(value: object, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) value[i] = null;
      else if (!isScalar(item) && !(typeof item === 'object' && adoptValue(item as object, depth + 1))) return false;
    }
    return true;
  }
  if (!isOrdinaryObject(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item === undefined) record[key] = null;
    else if (!isScalar(item) && !(typeof item === 'object' && adoptValue(item as object, depth + 1))) return false;
  }
  return true;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * A plain object, whose keys `for…in` sees exactly: an object literal (the common case, tested
 * first without a prototype walk) or a plain object of another realm. Symbol keys, which a copy
 * would drop, are not looked for: no projection makes them, and neither mingo nor JSON sees them.
 */
function isOrdinaryObject(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype || isPlainObject(value);
}
