/** One page of a read-model list and the total it is a page of, as list endpoints answer. */
import type { Filter, FindOptions, ReadCollection, ReadDocument, SortSpec } from './read-store.port';

export interface Page<D> {
  items: D[];
  total: number;
}

export function findPage<D extends ReadDocument>(
  collection: ReadCollection<D>,
  filter: Filter,
  sort: SortSpec,
  page: { limit?: number; offset?: number },
  defaultLimit: number,
): Promise<Page<D>> {
  return pageRead((options) => collection.find(filter, options), collection, filter, sort, page, defaultLimit);
}

/** A page read by `read` (a find of some kind, given sort, skip and limit) beside the count of `filter`. */
export async function pageRead<D extends ReadDocument, Items>(
  read: (options: FindOptions) => Promise<Items>,
  collection: ReadCollection<D>,
  filter: Filter,
  sort: SortSpec,
  page: { limit?: number; offset?: number },
  defaultLimit: number,
): Promise<{ items: Items; total: number }> {
  const [items, total] = await Promise.all([read({ sort, skip: page.offset ?? 0, limit: page.limit ?? defaultLimit }), collection.countDocuments(filter)]);
  return { items, total };
}
