/**
 * Wraps a read store and records every query it is asked (filter, options, pipeline), so a test
 * can prove what reached it — and that hostile input never did.
 */
import type { Checkpoint, Filter, FindOptions, IndexDefinition, ReadCollection, ReadDocument, ReadStore } from '../../src/read-store/read-store.port';

export interface RecordedQuery {
  collection: string;
  method: 'find' | 'findOne' | 'countDocuments' | 'aggregate' | 'deleteMany';
  query: unknown;
}

export class SpyReadStore implements ReadStore {
  readonly queries: RecordedQuery[] = [];

  constructor(private readonly inner: ReadStore) {}

  collection<D extends ReadDocument>(name: string): ReadCollection<D> {
    const inner = this.inner.collection<D>(name);
    const record = (method: RecordedQuery['method'], query: unknown) => this.queries.push({ collection: name, method, query: structuredClone(query) });
    return {
      find: (filter: Filter, options?: FindOptions) => (record('find', { filter, options }), inner.find(filter, options)),
      findOne: (filter: Filter) => (record('findOne', { filter }), inner.findOne(filter)),
      countDocuments: (filter: Filter) => (record('countDocuments', { filter }), inner.countDocuments(filter)),
      aggregate: <R>(pipeline: readonly Record<string, unknown>[]) => (record('aggregate', { pipeline }), inner.aggregate<R>(pipeline)),
      deleteMany: (filter: Filter) => (record('deleteMany', { filter }), inner.deleteMany(filter)),
      replaceMany: (documents: readonly D[]) => inner.replaceMany(documents),
      createIndexes: (indexes: readonly IndexDefinition[]) => inner.createIndexes(indexes),
    };
  }

  commit(writes: ReadonlyMap<string, readonly ReadDocument[]>, checkpoint: Checkpoint): Promise<void> {
    return this.inner.commit(writes, checkpoint);
  }

  loadCheckpoint(name: string): Promise<number> {
    return this.inner.loadCheckpoint(name);
  }

  reset(collections: readonly string[], checkpointName: string): Promise<void> {
    return this.inner.reset(collections, checkpointName);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Every object key starting with `$` anywhere in a value, with its path. */
export function dollarKeys(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(key.startsWith('$') ? [`${path}${key}`] : []),
    ...dollarKeys(inner, `${path}${key}.`),
  ]);
}
