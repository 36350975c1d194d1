/**
 * Equality maps of one in-memory collection: for the first field of every declared index, encoded
 * value → `_id`s of the documents holding that value there, so `find({ indicatorId })` looks at
 * that indicator's documents only, however many the collection holds. A map is built the first
 * time a query can use it, then kept up to date: fields never queried by equality (dates, types of
 * an audit trail) cost neither time on every write nor memory.
 *
 * Each map also counts its inexact members (an array holds the value): where a value has none, its
 * set is exactly the match of `{ field: value }` and its size is the count.
 */
import type { ReadDocument } from './read-store.port';
import { encodeKey, valuesAt } from './index-values';
import { isScalarAt } from './scalar-at';

export type EqualityMap = ReadonlyMap<string, ReadonlySet<string>>;

export class EqualityMaps {
  /** Field path → encoded value → `_id`s of the documents with that value there. */
  private readonly maps = new Map<string, Map<string, Set<string>>>();
  /** Field → encoded value → how many members of that value's set are not exactly that scalar. */
  private readonly inexact = new Map<string, Map<string, number>>();
  /** First fields of the declared indexes: the fields a map may be built for. */
  private readonly indexedFields = new Set<string>();
  /** Sets an existing document joined after others: their order is restored by sorting when read. */
  private readonly unordered = new WeakSet<ReadonlySet<string>>();

  /**
   * @param beforeBuild called with the documents before the first map is built: once sets may fall
   *   out of insertion order, the collection must keep that order to restore it.
   */
  constructor(private readonly beforeBuild: (documents: ReadonlyMap<string, ReadDocument>) => void) {}

  /** Lets a map be built for `field` (the first field of a declared index). */
  allow(field: string): void {
    this.indexedFields.add(field);
  }

  /** The field's map: kept, built now for an indexed field, else undefined. */
  mapOf(field: string, documents: ReadonlyMap<string, ReadDocument>): EqualityMap | undefined {
    return this.maps.get(field) ?? (this.indexedFields.has(field) ? this.build(field, documents) : undefined);
  }

  /** True unless an existing document joined `ids` after others (it then needs sorting into insertion order). */
  inInsertionOrder(ids: ReadonlySet<string>): boolean {
    return !this.unordered.has(ids);
  }

  /** How many members of the set of `key` (an encoded value) on `field` hold something other than exactly that scalar. */
  inexactCount(field: string, key: string): number {
    return this.inexact.get(field)?.get(key) ?? 0;
  }

  /** Records that `next` replaced `previous` (or was inserted, when `previous` is undefined). */
  written(previous: ReadDocument | undefined, next: ReadDocument): void {
    for (const [field, values] of this.maps) {
      // Only keys that change move: an id that keeps its key keeps its place in that key's set.
      const before = previous ? equalityKeys(field, previous) : NO_KEYS;
      const after = equalityKeys(field, next);
      for (const key of before) if (!after.has(key)) removeFromSet(values, key, next._id);
      for (const key of after) {
        if (before.has(key)) continue;
        const ids = addToSet(values, key, next._id);
        // An existing document joining a key lands at the end of its set, out of insertion order.
        if (previous) this.unordered.add(ids);
      }
      if (previous) this.countInexact(field, previous, before, -1);
      this.countInexact(field, next, after, 1);
    }
  }

  removed(document: ReadDocument): void {
    for (const [field, values] of this.maps) {
      const keys = equalityKeys(field, document);
      for (const key of keys) removeFromSet(values, key, document._id);
      this.countInexact(field, document, keys, -1);
    }
  }

  clear(): void {
    for (const values of this.maps.values()) values.clear();
    for (const counts of this.inexact.values()) counts.clear();
  }

  private build(field: string, documents: ReadonlyMap<string, ReadDocument>): EqualityMap {
    this.beforeBuild(documents);
    const values = new Map<string, Set<string>>();
    this.maps.set(field, values);
    for (const document of documents.values()) {
      const keys = equalityKeys(field, document);
      for (const key of keys) addToSet(values, key, document._id);
      this.countInexact(field, document, keys, 1);
    }
    return values;
  }

  /** Counts `document` in (+1) or out (-1) of the inexact members of its keys, when it is one. */
  private countInexact(field: string, document: ReadDocument, keys: ReadonlySet<string>, change: 1 | -1): void {
    if (isScalarAt(document, field.split('.'))) return;
    let counts = this.inexact.get(field);
    if (!counts) this.inexact.set(field, (counts = new Map()));
    for (const key of keys) {
      const count = (counts.get(key) ?? 0) + change;
      if (count === 0) counts.delete(key);
      else counts.set(key, count);
    }
  }
}

const NO_KEYS: ReadonlySet<string> = new Set();

function equalityKeys(field: string, document: ReadDocument): Set<string> {
  return new Set(valuesAt(document, field.split('.')).map(encodeKey));
}

function removeFromSet(values: Map<string, Set<string>>, key: string, id: string): void {
  const ids = values.get(key);
  ids?.delete(id);
  if (ids && ids.size === 0) values.delete(key);
}

function addToSet(values: Map<string, Set<string>>, key: string, id: string): Set<string> {
  let ids = values.get(key);
  if (!ids) values.set(key, (ids = new Set()));
  ids.add(id);
  return ids;
}
