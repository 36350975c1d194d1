/**
 * Unique index checks with MongoDB's rules, so a projection that would fail on MongoDB with E11000
 * fails the same way in memory:
 * - a missing field indexes as null, so two documents without the field collide;
 * - an array field is multikey: each element is a key, and one document may repeat its own key;
 * - keys compare by type and value (1 and '1' differ).
 */
import type { IndexDefinition, ReadDocument } from './read-store.port';
import { isDate } from './plain-values';
import { DuplicateKeyError } from './read-store.errors';

/**
 * Throws DuplicateKeyError when two of the documents share a key of the index. The whole candidate
 * collection is checked: linear in its size, which suits the few thousand documents a read model holds here.
 */
export function assertUniqueKeys(collection: string, index: IndexDefinition, documents: Iterable<ReadDocument>): void {
  const owners = new Map<string, string>();
  for (const document of documents) {
    for (const key of indexKeys(index, document)) {
      const owner = owners.get(key);
      if (owner !== undefined && owner !== document._id) {
        throw new DuplicateKeyError(collection, index.name, [owner, document._id]);
      }
      owners.set(key, document._id);
    }
  }
}

/** One field's share of a key: a number as itself, any other value encoded (a string, so never equal to a number). */
export type KeyPart = string | number;

/** The distinct encoded keys one document contributes to the index (usually one). */
export function indexKeys(index: IndexDefinition, document: ReadDocument): readonly string[] {
  return indexKeyTuples(index, document).map(joinedKey);
}

/**
 * The distinct keys one document contributes to the index, one part per indexed field (usually
 * one key: no Set is built for it). Two tuples are the same key exactly when their `joinedKey`s are.
 */
export function indexKeyTuples(index: IndexDefinition, document: ReadDocument): ReadonlyArray<readonly KeyPart[]> {
  const single = singleKey(index, document);
  if (single !== null) return [single];
  let tuples: KeyPart[][] = [[]];
  for (const field of Object.keys(index.key)) {
    const parts = valuesAt(document, field.split('.')).map(encodePart);
    tuples = tuples.flatMap((tuple) => parts.map((part) => [...tuple, part]));
  }
  const distinct = new Map<string, KeyPart[]>();
  for (const tuple of tuples) distinct.set(joinedKey(tuple), tuple);
  return [...distinct.values()];
}

/** A key as one string, exactly as `encodeKey` writes each part, joined by NUL. */
export function joinedKey(tuple: readonly KeyPart[]): string {
  if (tuple.length === 1) return encodedPart(tuple[0]);
  return tuple.map(encodedPart).join('\u0000');
}

/** One part as `encodeKey` writes it. */
export function encodedPart(part: KeyPart): string {
  return typeof part === 'number' ? `n:${part}` : part;
}

/** `encodeKey` for a tuple: a number is kept as a number (-0 as 0, as `encodeKey` writes it). */
function encodePart(value: unknown): KeyPart {
  return typeof value === 'number' ? (Object.is(value, -0) ? 0 : value) : encodeKey(value);
}

/**
 * The one key of a document whose indexed paths meet no array (the usual case), without building
 * tuples; null when an array is met and the multikey rules above apply.
 */
function singleKey(index: IndexDefinition, document: ReadDocument): KeyPart[] | null {
  const key: KeyPart[] = [];
  for (const field of Object.keys(index.key)) {
    let value: unknown = document;
    for (const segment of field.includes('.') ? field.split('.') : [field]) {
      if (Array.isArray(value)) return null;
      value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : null;
    }
    if (Array.isArray(value)) return null;
    key.push(encodePart(value));
  }
  return key;
}

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
