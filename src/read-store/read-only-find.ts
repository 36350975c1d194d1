/**
 * Reading without copying. `find` hands out documents the caller owns and may change, so the
 * in-memory store copies every one; a query handler that only shapes and serialises what it gets
 * pays for a deep copy of each document it returns (most of its time and garbage for a page of
 * history). A collection that keeps documents as objects may also offer `findReadOnly`: the same
 * answer, as its own documents, deep-frozen (so a mutation throws instead of changing stored state)
 * and typed `DeepReadonly` (so none compiles). Stores without it (MongoDB, whose documents are fresh
 * from the wire anyway) are read with `find`.
 */
import { pageRead } from './find-page';
import type { Filter, FindOptions, ReadCollection, ReadDocument, SortSpec } from './read-store.port';

/** Plain data that may be shared: no property, at any depth, can be assigned. */
export type DeepReadonly<T> = T extends ReadonlyArray<infer U> ? ReadonlyArray<DeepReadonly<U>> : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The optional capability of a collection. */
export interface ReadOnlyFinder<D extends ReadDocument> {
  findReadOnly(filter: Filter, options?: FindOptions): Promise<ReadonlyArray<DeepReadonly<D>>>;
}

/** `collection.find`, without copies where the collection can share its documents. */
export function findReadOnly<D extends ReadDocument>(collection: ReadCollection<D>, filter: Filter, options?: FindOptions): Promise<ReadonlyArray<DeepReadonly<D>>> {
  const finder = collection as Partial<ReadOnlyFinder<D>>;
  if (typeof finder.findReadOnly === 'function') return finder.findReadOnly(filter, options);
  // Copies the caller owns are read-only if it wants them to be (TypeScript cannot see through the generic).
  return collection.find(filter, options) as Promise<unknown> as Promise<ReadonlyArray<DeepReadonly<D>>>;
}

/** One page of a read-model list and the total it is a page of (see find-page.ts), read-only. */
export function findReadOnlyPage<D extends ReadDocument>(
  collection: ReadCollection<D>,
  filter: Filter,
  sort: SortSpec,
  page: { limit?: number; offset?: number },
  defaultLimit: number,
): Promise<{ items: ReadonlyArray<DeepReadonly<D>>; total: number }> {
  return pageRead((options) => findReadOnly(collection, filter, options), collection, filter, sort, page, defaultLimit);
}
