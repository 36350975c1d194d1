/** One page of a read-model list and the total it is a page of, as list endpoints answer. */
import type { Filter, ReadCollection, ReadDocument, SortSpec } from './read-store.port';

export interface Page<D> {
  items: D[];
  total: number;
}

export async function findPage<D extends ReadDocument>(
  collection: ReadCollection<D>,
  filter: Filter,
  sort: SortSpec,
  page: { limit?: number; offset?: number },
  defaultLimit: number,
): Promise<Page<D>> {
  const [items, total] = await Promise.all([
    collection.find(filter, { sort, skip: page.offset ?? 0, limit: page.limit ?? defaultLimit }),
    collection.countDocuments(filter),
  ]);
  return { items, total };
}
