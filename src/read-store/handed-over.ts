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
import { isPlainObject, MAX_PLAIN_DEPTH } from './plain-values';

/**
 * True when `document` can be kept as it is; its `undefined` values have then been replaced by
 * null. One pass: a document refused halfway may already have some replaced, which changes
 * nothing for the copy the caller makes of it instead (a copy stores them as null too), and
 * nobody else looks at a handed-over document.
 *
 * `stored` is the version the document replaces, when there is one. Projections evolve documents
 * by structural sharing, so most of a new version is the very objects of the stored one (a long
 * figure list with one figure added): those are already stored form, and nothing stored is ever
 * changed, so they are skipped instead of walked again. Only a value found at the same key or
 * index as in `stored` counts; one that moved is simply walked, which changes nothing.
 */
export function adoptInPlace(document: object, stored?: object): boolean {
  return document === stored || adoptValue(document, stored, 0);
}

function adoptValue(value: object, stored: unknown, depth: number): boolean {
  if (depth > MAX_PLAIN_DEPTH) return false;
  if (Array.isArray(value)) {
    const storedItems = Array.isArray(stored) ? (stored as unknown[]) : undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) value[i] = null;
      else if (!isScalar(item) && !adoptedItem(item, storedItems?.[i], depth)) return false;
    }
    return true;
  }
  if (!isOrdinaryObject(value)) return false;
  const record = value as Record<string, unknown>;
  const storedRecord = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : undefined;
  for (const key in record) {
    const item = record[key];
    if (item === undefined) record[key] = null;
    else if (!isScalar(item) && !adoptedItem(item, storedRecord?.[key], depth)) return false;
  }
  return true;
}

/** A nested value: the stored version's own object at the same place, or adoptable itself. */
function adoptedItem(item: unknown, stored: unknown, depth: number): boolean {
  return item === stored || (typeof item === 'object' && adoptValue(item as object, stored, depth + 1));
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
