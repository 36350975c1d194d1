/**
 * One read-model collection on MongoDB. Queries pass the same guard as the in-memory store before
 * they reach the server (no JavaScript, no prototype paths, no writing stages), and the server's
 * refusals come back as the same typed errors.
 */
import type { AnyBulkWriteOperation, ClientSession, Collection, Filter as MongoFilter } from 'mongodb';
import { assertSafePipeline, assertSafeQuery } from '../query-guard';
import type { Filter, FindOptions, IndexDefinition, ReadCollection, ReadDocument } from '../read-store.port';
import { InvalidQueryError } from '../read-store.errors';
import { storedCopy } from '../stored-copy';
import { toReadError } from './mongo-errors';

/** What a collection needs from its store: writes go through the store so they share its transaction and error translation. */
export interface MongoCollectionHost {
  collection(name: string): Collection<ReadDocument>;
  /** Runs `work` in one majority-acknowledged transaction, translating write errors. */
  transaction(operation: string, work: (session: ClientSession) => Promise<void>): Promise<void>;
  /** Creates indexes, translating conflicts and duplicate keys. */
  createIndexes(collection: string, indexes: readonly IndexDefinition[]): Promise<void>;
  assertOpen(): void;
}

export class MongoReadCollection<D extends ReadDocument> implements ReadCollection<D> {
  constructor(
    private readonly name: string,
    private readonly host: MongoCollectionHost,
  ) {}

  async find(filter: Filter, options: FindOptions = {}): Promise<D[]> {
    assertSafeQuery(filter);
    if (options.sort) assertSafeQuery(options.sort);
    if (options.projection) assertSafeQuery(options.projection);
    const skip = nonNegativeInteger('skip', options.skip);
    const limit = nonNegativeInteger('limit', options.limit);
    return this.reading('find', () =>
      this.collection()
        .find(filter as MongoFilter<ReadDocument>, {
          ...(options.sort ? { sort: options.sort } : {}),
          ...(options.projection ? { projection: options.projection } : {}),
          skip,
          limit,
        })
        .toArray() as Promise<unknown> as Promise<D[]>,
    );
  }

  async findOne(filter: Filter): Promise<D | null> {
    const [first] = await this.find(filter, { limit: 1 });
    return first ?? null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    assertSafeQuery(filter);
    return this.reading('countDocuments', () => this.collection().countDocuments(filter as MongoFilter<ReadDocument>));
  }

  async aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]> {
    assertSafePipeline(pipeline);
    return this.reading('aggregate', () => this.collection().aggregate([...pipeline]).toArray() as Promise<R[]>);
  }

  /** All or nothing, like the in-memory store: the replacements run in one transaction. */
  async replaceMany(documents: readonly D[]): Promise<void> {
    if (documents.length === 0) return;
    const operations = replaceOperations(this.name, documents);
    await this.host.transaction(`replaceMany ${this.name}`, async (session) => {
      await this.collection().bulkWrite(operations, { session, ordered: true });
    });
  }

  async deleteMany(filter: Filter): Promise<number> {
    assertSafeQuery(filter);
    const result = await this.reading('deleteMany', () => this.collection().deleteMany(filter as MongoFilter<ReadDocument>));
    return result.deletedCount;
  }

  async createIndexes(indexes: readonly IndexDefinition[]): Promise<void> {
    await this.host.createIndexes(this.name, indexes);
  }

  private collection(): Collection<ReadDocument> {
    this.host.assertOpen();
    return this.host.collection(this.name);
  }

  private async reading<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toReadError(error, `${operation} ${this.name}`);
    }
  }
}

/**
 * Upserts by `_id` as the in-memory store does: the document is validated and copied the same way
 * (string `_id`, `undefined` stored as null), and a later version of the same `_id` in one batch wins.
 */
export function replaceOperations(collection: string, documents: readonly ReadDocument[]): AnyBulkWriteOperation<ReadDocument>[] {
  return documents.map((document) => {
    const copy = storedCopy(collection, document);
    return { replaceOne: { filter: { _id: copy._id }, replacement: copy, upsert: true } };
  });
}

function nonNegativeInteger(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new InvalidQueryError(`${name} must be a whole number >= 0, got ${String(value)}`);
  return value;
}
