/**
 * The unique indexes of one in-memory collection, held as key → owner maps (unique-keys.ts) so a
 * write checks only the keys it brings instead of re-checking every stored document (a rebuild used
 * to be quadratic in the event count). Keys follow MongoDB's rules (unique-index.ts): missing
 * fields index as null, arrays are multikey.
 */
import type { IndexDefinition, ReadDocument } from './read-store.port';
import { DuplicateKeyError } from './read-store.errors';
import { keysOf, type KeysOf } from './unique-index';
import { sameKey, UniqueKeys, type IndexKey } from './unique-keys';

interface UniqueIndex {
  definition: IndexDefinition;
  keysOf: KeysOf;
  /** Key → `_id` of the document holding it. */
  owners: UniqueKeys;
}

/**
 * The keys a write brings, read once by `assertWritable` and recorded as they are by `written`: per
 * unique index (in the order they were defined), per document (in the batch's order).
 */
export type CheckedKeys = ReadonlyArray<ReadonlyArray<readonly IndexKey[]>>;

export class UniqueConstraints {
  private readonly indexes = new Map<string, UniqueIndex>();

  /** Starts enforcing a unique index over the documents already stored (already checked for uniqueness). */
  define(index: IndexDefinition, documents: Iterable<ReadDocument>): void {
    if (!index.unique || this.indexes.has(index.name)) return;
    const owners = new UniqueKeys();
    const keysOfIndex = keysOf(index);
    for (const document of documents) for (const key of keysOfIndex(document)) owners.set(key, document._id);
    this.indexes.set(index.name, { definition: index, keysOf: keysOfIndex, owners });
  }

  /**
   * Throws DuplicateKeyError when writing `incoming` (a later document with the same `_id` wins)
   * would give two documents one key of a unique index. Checks only the incoming keys.
   */
  assertWritable(collection: string, incoming: ReadonlyMap<string, ReadDocument>): CheckedKeys {
    const checked: Array<Array<readonly IndexKey[]>> = [];
    if (this.indexes.size === 0) return checked;
    if (incoming.size === 1) return this.assertOneWritable(collection, incoming);
    for (const { definition, keysOf: keysOfIndex, owners } of this.indexes.values()) {
      const taken = new UniqueKeys();
      const perDocument: Array<readonly IndexKey[]> = [];
      checked.push(perDocument);
      // Values, not entries: an entry is an array made per document. A document's key in the batch is its _id.
      for (const document of incoming.values()) {
        const id = document._id;
        const keys = keysOfIndex(document);
        perDocument.push(keys);
        for (const key of keys) {
          const other = taken.get(key);
          if (other === id) continue;
          if (other !== undefined) throw new DuplicateKeyError(collection, definition.name, [other, id]);
          taken.set(key, id);
          const owner = owners.get(key);
          // An owner rewritten in this batch gives up its old keys; its new ones are checked as they come.
          if (owner !== undefined && owner !== id && !incoming.has(owner)) throw new DuplicateKeyError(collection, definition.name, [owner, id]);
        }
      }
    }
    return checked;
  }

  /**
   * `assertWritable` for a batch of one document (a live commit, usually): it cannot collide with
   * itself, so only the stored owners of its keys are asked, without a map of the batch's keys.
   */
  private assertOneWritable(collection: string, incoming: ReadonlyMap<string, ReadDocument>): CheckedKeys {
    const checked: Array<Array<readonly IndexKey[]>> = [];
    for (const [id, document] of incoming) {
      for (const { definition, keysOf: keysOfIndex, owners } of this.indexes.values()) {
        const keys = keysOfIndex(document);
        checked.push([keys]);
        for (const key of keys) {
          const owner = owners.get(key);
          if (owner !== undefined && owner !== id) throw new DuplicateKeyError(collection, definition.name, [owner, id]);
        }
      }
    }
    return checked;
  }

  /**
   * Records that `next` replaced `previous` (or was inserted, when `previous` is undefined): with
   * the keys `assertWritable` read, when given `checked` and the document's place in its batch.
   */
  written(previous: ReadDocument | undefined, next: ReadDocument, checked?: CheckedKeys, at = 0): void {
    let index = 0;
    for (const { keysOf: keysOfIndex, owners } of this.indexes.values()) {
      const keys = checked?.[index++]?.[at] ?? keysOfIndex(next);
      if (previous) {
        const before = keysOfIndex(previous);
        // The usual replacement (a corrected report) keeps its one key: nothing to give up.
        const kept = before.length === 1 && keys.length === 1 && sameKey(before[0], keys[0]);
        if (!kept) for (const key of before) if (owners.get(key) === previous._id) owners.delete(key);
      }
      for (const key of keys) owners.set(key, next._id);
    }
  }

  removed(document: ReadDocument): void {
    for (const { keysOf: keysOfIndex, owners } of this.indexes.values()) {
      for (const key of keysOfIndex(document)) if (owners.get(key) === document._id) owners.delete(key);
    }
  }

  clear(): void {
    for (const { owners } of this.indexes.values()) owners.clear();
  }
}
