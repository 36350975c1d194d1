/**
 * The copy of a document the in-memory store keeps. A deep copy, so the writer cannot change it
 * afterwards; and shaped as MongoDB would store it, so both stores answer the same: the BSON
 * serializer writes `undefined` as null (the driver's default `ignoreUndefined: false`), and
 * `{ field: null }` then matches it on both.
 */
import type { ReadDocument } from './read-store.port';
import { isPlainObject } from './plain-values';
import { InvalidDocumentError } from './read-store.errors';

export function storedCopy(collection: string, document: ReadDocument): ReadDocument {
  if (document === null || typeof document !== 'object' || typeof document._id !== 'string' || document._id === '') {
    throw new InvalidDocumentError(collection, 'every document needs a non-empty string _id');
  }
  let copy: ReadDocument;
  try {
    copy = structuredClone(document);
  } catch (error) {
    throw new InvalidDocumentError(collection, `document ${document._id} cannot be copied: ${(error as Error).message}`);
  }
  return undefinedAsNull(copy) as ReadDocument;
}

/** Replaces `undefined` with null in place, in objects and arrays, on a copy we own. */
function undefinedAsNull(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = undefinedAsNull(item)));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = undefinedAsNull(value[key]);
  }
  return value;
}
