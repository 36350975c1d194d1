/**
 * Unique index checks with MongoDB's rules, so a projection that would fail on MongoDB with E11000
 * fails the same way in memory:
 * - a missing field indexes as null, so two documents without the field collide;
 * - an array field is multikey: each element is a key, and one document may repeat its own key;
 * - keys compare by type and value (1 and '1' differ).
 * A document's keys are tuples of its indexed values (unique-keys.ts keeps them).
 */
import type { IndexDefinition, ReadDocument } from './read-store.port';
import { encodeKey, valuesAt } from './index-values';
import { DuplicateKeyError } from './read-store.errors';
import { keyPart, UniqueKeys, type IndexKey, type KeyPart } from './unique-keys';

/**
 * Throws DuplicateKeyError when two of the documents share a key of the index. The whole candidate
 * collection is checked: linear in its size, as building an index is.
 */
export function assertUniqueKeys(collection: string, index: IndexDefinition, documents: Iterable<ReadDocument>): void {
  const owners = new UniqueKeys();
  const keysOfIndex = keysOf(index);
  for (const document of documents) {
    for (const key of keysOfIndex(document)) {
      const owner = owners.get(key);
      if (owner !== undefined && owner !== document._id) {
        throw new DuplicateKeyError(collection, index.name, [owner, document._id]);
      }
      owners.set(key, document._id);
    }
  }
}

/** Reads the distinct keys one document contributes to a unique index (usually one). */
export type KeysOf = (document: ReadDocument) => readonly IndexKey[];

/** The index's key reader, its field paths split once: it runs for every document every write brings. */
export function keysOf(index: IndexDefinition): KeysOf {
  const fields = Object.keys(index.key);
  const paths = fields.map((field) => field.split('.'));
  return (document) => {
    const single = singleKey(paths, document);
    return single !== null ? [single] : multikeyKeys(fields, document);
  };
}

/** Every key of a document whose indexed paths meet an array: one per element (per combination). */
function multikeyKeys(fields: readonly string[], document: ReadDocument): readonly IndexKey[] {
  let tuples: KeyPart[][] = [[]];
  for (const field of fields) {
    const values = valuesAt(document, field.split('.'));
    tuples = tuples.flatMap((tuple) => values.map((value) => [...tuple, keyPart(value)]));
  }
  // An array may hold one value twice: the document still holds that key once.
  const distinct = new Map<string, IndexKey>();
  for (const tuple of tuples) distinct.set(tuple.map(encodePart).join('\u0000'), tuple);
  return [...distinct.values()];
}

/**
 * The one key of a document whose indexed paths meet no array (the usual case), without building
 * tuples; null when an array is met and the multikey rules above apply.
 */
function singleKey(paths: ReadonlyArray<readonly string[]>, document: ReadDocument): IndexKey | null {
  const key = new Array<KeyPart>(paths.length);
  for (let i = 0; i < paths.length; i++) {
    let value: unknown = document;
    for (const segment of paths[i]) {
      if (Array.isArray(value)) return null;
      value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : null;
    }
    if (Array.isArray(value)) return null;
    key[i] = keyPart(value);
  }
  return key;
}

/** A part as a string that keeps its type, to tell tuples apart (a symbol is already one per encoding). */
function encodePart(part: KeyPart): string {
  return typeof part === 'symbol' ? `x:${part.description ?? ''}` : encodeKey(part);
}
