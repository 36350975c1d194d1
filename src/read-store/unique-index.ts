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

/** The distinct encoded keys one document contributes to the index (usually one: no Set is built for it). */
export function indexKeys(index: IndexDefinition, document: ReadDocument): readonly string[] {
  const single = singleKey(index, document);
  if (single !== null) return [single];
  let tuples: string[][] = [[]];
  for (const field of Object.keys(index.key)) {
    const parts = valuesAt(document, field.split('.')).map(encodeKey);
    tuples = tuples.flatMap((tuple) => parts.map((part) => [...tuple, part]));
  }
  return [...new Set(tuples.map((tuple) => tuple.join('\u0000')))];
}

/**
 * The one key of a document whose indexed paths meet no array (the usual case), without building
 * tuples; null when an array is met and the multikey rules above apply.
 */
function singleKey(index: IndexDefinition, document: ReadDocument): string | null {
  let key = '';
  let first = true;
  for (const field of Object.keys(index.key)) {
    let value: unknown = document;
    for (const segment of field.includes('.') ? field.split('.') : [field]) {
      if (Array.isArray(value)) return null;
      value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : null;
    }
    if (Array.isArray(value)) return null;
    key = first ? encodeKey(value) : `${key}\u0000${encodeKey(value)}`;
    first = false;
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
