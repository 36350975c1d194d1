/**
 * The copy of a document the in-memory store keeps. A deep copy, so the writer cannot change it
 * afterwards; and shaped as MongoDB would store it, so both stores answer the same: the BSON
 * serializer writes `undefined` as null (the driver's default `ignoreUndefined: false`), and
 * `{ field: null }` then matches it on both.
 */
import type { ReadDocument } from './read-store.port';
import { plainCopy } from './plain-copy';
import { InvalidDocumentError } from './read-store.errors';

export function storedCopy(collection: string, document: ReadDocument): ReadDocument {
  if (document === null || typeof document !== 'object' || typeof document._id !== 'string' || document._id === '') {
    throw new InvalidDocumentError(collection, 'every document needs a non-empty string _id');
  }
  try {
    return plainCopy(document, true);
  } catch (error) {
    throw new InvalidDocumentError(collection, `document ${document._id} cannot be copied: ${(error as Error).message}`);
  }
}
