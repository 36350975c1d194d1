/**
 * One collection of the in-memory read store. It holds no data of its own: every call looks the
 * collection up in the store, so a handle taken before a `reset` keeps working after it.
 *
 * Isolation: documents go in and come out as deep copies, so no caller can change stored state
 * by mutating what it passed or received; `findReadOnly` shares them instead, deep-frozen.
 */
import type { Filter, FindOptions, IndexDefinition, ReadCollection, ReadDocument } from './read-store.port';
import { aggregateDocuments, checkedFindOptions, compileFilter, findDocuments } from './mingo-query';
import { IndexConflictError } from './read-store.errors';
import { assertSafeQuery } from './query-guard';
import { CollectionLookup } from './collection-lookup';
import type { OrderedCandidates } from './ordered-runs';
import { plainCopy } from './plain-copy';
import { isPlainObject } from './plain-values';
import { deepFrozen } from './deep-freeze';
import type { DeepReadonly, ReadOnlyFinder } from './read-only-find';
import { assertUniqueKeys } from './unique-index';
import { compileWithQuickTests } from './prefilter';
import { sortedPage } from './sorted-page';

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

export class InMemoryCollection<D extends ReadDocument> implements ReadCollection<D>, ReadOnlyFinder<D> {
  constructor(
    private readonly name: string,
    private readonly host: CollectionHost,
  ) {}

  async find(filter: Filter, options?: FindOptions): Promise<D[]> {
    return this.matching(filter, options).map((document) => plainCopy(document) as D);
  }

  /** The same answer as `find`, as the stored documents themselves, frozen: nothing to copy. */
  async findReadOnly(filter: Filter, options?: FindOptions): Promise<ReadonlyArray<DeepReadonly<D>>> {
    return this.matching(filter, options).map((document) => deepFrozen(document) as DeepReadonly<D>);
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
    // Everything: the collection's size, not a test of every document.
    if (isPlainObject(filter) && Object.keys(filter).length === 0) return this.host.state(this.name).documents.size;
    const { lookup, documents } = this.host.state(this.name);
    const exact = isObject(filter) ? (lookup.exactCount(filter) ?? lookup.equalityCount(filter, documents) ?? lookup.rangeCount(filter, documents)) : null;
    if (exact === null) return this.candidates(filter, true).filter(compileWithQuickTests(filter)).length;
    // One equality or $in of scalars, or one numeric range: nothing mingo could refuse, and what the guard refuses is refused.
    assertSafeQuery(filter);
    return exact;
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

  /** The stored documents `find` answers with (not copies). */
  private matching(filter: Filter, options: FindOptions = {}): readonly object[] {
    const { documents, lookup } = this.host.state(this.name);
    const run = isObject(filter) && options.sort && !options.projection ? lookup.ordered(filter, options.sort, documents) : null;
    if (run === null) return this.sortedOrFound(filter, options);
    // Validated as a scan would be, so a bad query fails the same way.
    const { skip, limit } = checkedFindOptions(filter, options);
    // mingo sorts descending for -1 only; any other value sorts ascending.
    const descending = Object.values(options.sort as Record<string, unknown>)[0] === -1;
    // A run that holds exactly the matches (a single string equality, or an empty filter) needs no
    // test (nor a compiled query: nothing in it to refuse).
    const page = { skip, limit, descending, matches: run.exact ? null : compileWithQuickTests(filter) };
    const walked = run.fallback?.outOfReach?.(descending) ? null : pageOfRun(run, documents, page);
    return walked ?? pageOfRun({ ...run, ids: run.fallback!.ids(), fallback: undefined }, documents, page)!;
  }

  /** A sorted page chosen here when mingo's order can be reproduced (sorted-page.ts), else mingo's find. */
  private sortedOrFound(filter: Filter, options: FindOptions): readonly object[] {
    // Sorted by `_id` too, no two matches tie: the order the candidates come in cannot show.
    const candidates = this.candidates(filter, options.sort !== undefined && Object.prototype.hasOwnProperty.call(options.sort, '_id'));
    if (options.sort && !options.projection && isObject(filter)) {
      // Validated as a scan would be, so a bad query fails the same way.
      const { skip, limit } = checkedFindOptions(filter, options);
      const page = sortedPage(candidates, compileWithQuickTests(filter), options.sort, { skip, limit });
      if (page !== null) return page;
    }
    return findDocuments(candidates, filter, options);
  }

  /**
   * The documents a filter can match: narrowed by an equality map when it allows, else all of them.
   * In natural order, unless `anyOrder` (counting) lets a run narrow them instead.
   */
  private candidates(filter: Filter, anyOrder = false): ReadDocument[] {
    const { documents, lookup } = this.host.state(this.name);
    const ids = isObject(filter) ? lookup.candidates(filter, documents, anyOrder) : null;
    if (ids === null) return [...documents.values()];
    return ids.map((id) => documents.get(id)).filter((document): document is ReadDocument => document !== undefined);
  }
}

interface RunPage {
  skip: number;
  /** 0: no limit, as on MongoDB. */
  limit: number;
  descending: boolean;
  /** The filter to test each member with; null when membership is the match. */
  matches: ((document: ReadDocument) => boolean) | null;
}

/**
 * Walks a run from the end the sort asks for, stopping as soon as the page is full; null when it has
 * used up its fallback's budget first (see OrderedCandidates).
 */
function pageOfRun(run: OrderedCandidates, documents: ReadonlyMap<string, ReadDocument>, page: RunPage): ReadDocument[] | null {
  const { ids } = run;
  const budget = run.fallback?.budget ?? Infinity;
  const found: ReadDocument[] = [];
  let skipped = page.matches === null ? Math.min(page.skip, ids.length) : 0;
  // Every member matches: the page starts right after the skipped ones.
  for (let i = page.matches === null ? skipped : 0; i < ids.length; i++) {
    if (i === budget && (page.limit === 0 || found.length < page.limit)) return null;
    const document = documents.get(ids[page.descending ? ids.length - 1 - i : i]);
    if (document === undefined || (page.matches !== null && !page.matches(document))) continue;
    if (skipped < page.skip) {
      skipped++;
      continue;
    }
    found.push(document);
    if (page.limit > 0 && found.length === page.limit) break;
  }
  return found;
}

function isObject(filter: Filter): boolean {
  return filter !== null && typeof filter === 'object';
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
