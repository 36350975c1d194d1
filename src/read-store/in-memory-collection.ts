/**
 * One collection of the in-memory read store. It holds no data of its own: every call looks the
 * collection up in the store, so a handle taken before a `reset` keeps working after it.
 *
 * Isolation: documents go in and come out as deep copies, so no caller can change stored state
 * by mutating what it passed or received.
 */
import type { Filter, FindOptions, IndexDefinition, ReadCollection, ReadDocument } from './read-store.port';
import { aggregateDocuments, compileFilter, findDocuments } from './mingo-query';
import { IndexConflictError } from './read-store.errors';
import { CollectionLookup } from './collection-lookup';
import { plainCopy } from './plain-copy';
import { assertUniqueKeys } from './unique-index';

export interface CollectionState {
  /** By `_id`, in insertion order: the "natural order" of an unsorted find. */
  readonly documents: Map<string, ReadDocument>;
  readonly indexes: Map<string, IndexDefinition>;
  /** Unique keys, equality maps and insertion order, kept in step with `documents` by every write. */
  readonly lookup: CollectionLookup;
}

/** What a collection needs from its store. */
export interface CollectionHost {
  /** The collection's state, created empty on first use. Throws when the store is closed. */
  state(collection: string): CollectionState;
  /** Validates and applies document writes to one or more collections, all or nothing. */
  write(writes: ReadonlyMap<string, readonly ReadDocument[]>): void;
}

export class InMemoryCollection<D extends ReadDocument> implements ReadCollection<D> {
  constructor(
    private readonly name: string,
    private readonly host: CollectionHost,
  ) {}

  async find(filter: Filter, options?: FindOptions): Promise<D[]> {
    return findDocuments(this.candidates(filter), filter, options).map((document) => plainCopy(document) as D);
  }

  async findOne(filter: Filter): Promise<D | null> {
    // The projection runner loads every document it updates this way: a map lookup, not a scan.
    const id = onlyId(filter);
    if (id !== undefined) {
      const document = this.host.state(this.name).documents.get(id);
      return document === undefined ? null : (plainCopy(document) as D);
    }
    const [first] = findDocuments(this.candidates(filter), filter, { limit: 1 });
    return first === undefined ? null : (plainCopy(first) as D);
  }

  async countDocuments(filter: Filter): Promise<number> {
    const matches = compileFilter(filter);
    return this.candidates(filter).filter(matches).length;
  }

  async aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]> {
    const copies = (collection: string): ReadDocument[] => plainCopy([...this.host.state(collection).documents.values()]);
    return aggregateDocuments(copies(this.name), pipeline, copies) as R[];
  }

  async replaceMany(documents: readonly D[]): Promise<void> {
    this.host.write(new Map([[this.name, documents]]));
  }

  async deleteMany(filter: Filter): Promise<number> {
    const matches = compileFilter(filter);
    const { documents, lookup } = this.host.state(this.name);
    const doomed = [...documents.values()].filter(matches);
    for (const document of doomed) {
      documents.delete(document._id);
      lookup.removed(document);
    }
    return doomed.length;
  }

  /**
   * Records the indexes. Only unique ones change behaviour here (lookups are scans); they are
   * checked against the documents already stored, as MongoDB refuses to build a violated index.
   */
  async createIndexes(indexes: readonly IndexDefinition[]): Promise<void> {
    const state = this.host.state(this.name);
    for (const index of indexes) {
      const existing = state.indexes.get(index.name);
      if (existing && !sameIndex(existing, index)) throw new IndexConflictError(this.name, index.name);
    }
    for (const index of indexes) {
      if (index.unique) assertUniqueKeys(this.name, index, state.documents.values());
    }
    for (const index of indexes) {
      state.indexes.set(index.name, structuredClone(index));
      state.lookup.define(index, state.documents.values());
    }
  }

  /** The documents a filter can match: narrowed by an equality map when it allows, else all of them. */
  private candidates(filter: Filter): ReadDocument[] {
    const { documents, lookup } = this.host.state(this.name);
    const ids = filter !== null && typeof filter === 'object' ? lookup.candidates(filter, documents) : null;
    if (ids === null) return [...documents.values()];
    return ids.map((id) => documents.get(id)).filter((document): document is ReadDocument => document !== undefined);
  }
}

/** The `_id` of a filter that is exactly `{ _id: '<string>' }`. */
function onlyId(filter: Filter): string | undefined {
  if (filter === null || typeof filter !== 'object') return undefined;
  const keys = Object.keys(filter);
  return keys.length === 1 && keys[0] === '_id' && typeof filter._id === 'string' ? filter._id : undefined;
}

function sameIndex(a: IndexDefinition, b: IndexDefinition): boolean {
  return JSON.stringify(Object.entries(a.key)) === JSON.stringify(Object.entries(b.key)) && !!a.unique === !!b.unique;
}
