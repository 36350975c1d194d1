/** What the MongoDB query interfaces of the read models share: the serving collection, and errors in the ledger's terms. */
import type { Collection, Filter } from 'mongodb';
import type { AnyProjection, ProjectedDocument } from '../../../projections/projection';
import type { ReadModelAvailability } from '../read-model-availability';
import { servingName } from '../serving-generation';
import { toStoreError } from './mongo-errors';
import type { MongoReadModelStore } from './mongo-read-model-store';

export abstract class MongoQueries<D extends ProjectedDocument> {
  constructor(
    private readonly store: MongoReadModelStore,
    private readonly availability: ReadModelAvailability,
    private readonly projection: AnyProjection,
  ) {}

  /** Runs `read` on the serving generation's collection; an unreachable deployment is a 503. */
  protected async reading<T>(operation: string, read: (collection: Collection<D>) => Promise<T>): Promise<T> {
    const name = servingName(this.projection, await this.store.servingGeneration(this.projection.name), this.availability);
    try {
      return await read(this.store.collection<D>(name));
    } catch (error) {
      throw toStoreError(error, `${operation} ${name}`);
    }
  }

  /** A page of `filter` in `sort` order, and how many match. */
  protected findPage(filter: Filter<D>, sort: Record<string, 1 | -1>, limit: number, offset: number): Promise<{ items: D[]; total: number }> {
    return this.reading('page', async (collection) => {
      const [items, total] = await Promise.all([
        collection.find(filter, { sort, skip: offset, limit }).toArray() as Promise<D[]>,
        collection.countDocuments(filter),
      ]);
      return { items, total };
    });
  }
}
