/**
 * The production read-model store: MongoDB through the official driver, on a replica set. One
 * collection per generation of each read model (`indicators_g3`), the catalog of generations in
 * `read_model_generations`, and the projection lease in `leases`.
 *
 * - `commit` writes a batch's documents and moves the generations' checkpoints in ONE transaction
 *   with write concern `majority`: an acknowledged batch survives the loss of the primary, and no
 *   reader ever sees documents without the checkpoint that goes with them (or the reverse).
 * - A checkpoint only moves forward: a commit behind the stored one is refused whole
 *   (CheckpointBehindError). The projection lease keeps the writer single; this keeps the moment
 *   of a takeover safe (src/projection-runner/projection-leadership.ts).
 * - Queries in other app instances look the serving generation up in the catalog, kept for a
 *   second (`servingGeneration`); a retired generation is therefore dropped only after a grace
 *   period (ProjectionDaemon's `retiredGraceMs`).
 * - An unreachable deployment is a 503 (StoreUnavailableError).
 */
import { MongoClient, type AnyBulkWriteOperation, type ClientSession, type Collection, type Db, type IndexDescription } from 'mongodb';
import type { AnyProjection, ProjectedDocument } from '../../../projections/projection';
import { LEASES_COLLECTION, MongoProjectionLease, type LeaseDocument } from '../../projection-lease/mongo-projection-lease';
import { CheckpointBehindError, DuplicateKeyError, InvalidDocumentError, ReadModelStoreClosedError } from '../read-model.errors';
import { generationName, layoutOf, type Generation, type GenerationWrite, type ReadModelStore } from '../read-model-store.port';
import { duplicateKeyInfo, isUnavailable, toStoreError, unavailable } from './mongo-errors';
import { RecentWriteFault } from '../../shared/recent-write-fault';
import type { StorageFault } from '../../shared/storage-fault';

export const GENERATIONS_COLLECTION = 'read_model_generations';

/** How long a looked-up catalog answers queries before it is read again. */
const CATALOG_TTL_MS = 1000;

/** The client options the ledger relies on; a connection string may add TLS, credentials, timeouts. */
export const MONGO_CLIENT_OPTIONS = {
  appName: 'resolution-ledger',
  writeConcern: { w: 'majority' as const },
  readPreference: 'primary' as const,
  retryWrites: true,
  retryReads: true,
};

interface GenerationDocument {
  _id: string;
  readModel: string;
  generation: number;
  version: number;
  state: Generation['state'] | 'dropped';
  layout: string;
  position: number;
  indexed: boolean;
  createdAt: Date;
  activatedAt: Date | null;
}

type MongoClientLike = Pick<MongoClient, 'db' | 'startSession' | 'close'>;

export class MongoReadModelStore implements ReadModelStore {
  readonly kind = 'mongodb' as const;
  private readonly db: Db;
  private closed = false;
  private readonly writes = new RecentWriteFault();
  private catalog: { at: number; serving: Map<string, Generation> } | null = null;

  constructor(
    private readonly client: MongoClientLike,
    databaseName: string,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.db = client.db(databaseName);
  }

  /** Connects lazily: the driver dials on the first operation, so building the app never fails on the network. */
  static fromUri(uri: string, databaseName: string): MongoReadModelStore {
    return new MongoReadModelStore(new MongoClient(uri, MONGO_CLIENT_OPTIONS), databaseName);
  }

  /** A generation's collection, for the query interfaces of the read models (src/read-models/<name>/mongo-*.ts). */
  collection<D extends ProjectedDocument>(name: string): Collection<D> {
    this.assertOpen();
    return this.db.collection<D>(name);
  }

  async generations(): Promise<Generation[]> {
    this.assertOpen();
    const documents = await this.reading('generations', () => this.catalogCollection().find({ state: { $ne: 'dropped' } }, { sort: { readModel: 1, generation: 1 } }).toArray());
    return documents.map(toGeneration);
  }

  /** The serving generation of a read model, from a catalog read at most a second ago. */
  async servingGeneration(readModel: string): Promise<Generation | null> {
    if (!this.catalog || this.now() - this.catalog.at > CATALOG_TTL_MS) {
      const serving = (await this.generations()).filter((generation) => generation.state === 'serving');
      this.catalog = { at: this.now(), serving: new Map(serving.map((generation) => [generation.readModel, generation])) };
    }
    return this.catalog.serving.get(readModel) ?? null;
  }

  async createGeneration(projection: AnyProjection, state: 'building' | 'serving'): Promise<Generation> {
    this.assertOpen();
    const [last] = await this.reading('createGeneration', () =>
      this.catalogCollection().find({ readModel: projection.name }, { sort: { generation: -1 }, limit: 1, projection: { generation: 1 } }).toArray(),
    );
    const generation: Generation = {
      readModel: projection.name,
      generation: (last?.generation ?? 0) + 1,
      version: projection.version,
      state,
      layout: layoutOf(projection),
      position: 0,
      indexed: false,
    };
    await this.reading('createGeneration', () =>
      this.catalogCollection().insertOne({ _id: catalogId(generation), ...generation, createdAt: new Date(this.now()), activatedAt: null }),
    );
    this.catalog = null;
    return generation;
  }

  async createIndexes(projection: AnyProjection, generation: Generation): Promise<Generation> {
    this.assertOpen();
    const indexes = indexDescriptions(projection);
    await this.reading(`createIndexes ${generationName(generation)}`, async () => {
      // Documents loaded without the indexes may already break a unique one.
      if (indexes.length > 0) await this.db.collection(generationName(generation)).createIndexes(indexes).catch((error: unknown) => Promise.reject(duplicateKeyError(error, () => projection.name) ?? error));
      await this.catalogCollection().updateOne({ _id: catalogId(generation) }, { $set: { indexed: true } });
    });
    return { ...generation, indexed: true };
  }

  async load(_projection: AnyProjection, generation: Generation, ids: readonly string[]): Promise<Map<string, ProjectedDocument>> {
    this.assertOpen();
    const documents = await this.reading(`load ${generationName(generation)}`, () =>
      this.db.collection<ProjectedDocument>(generationName(generation)).find({ _id: { $in: [...ids] } }).toArray(),
    );
    return new Map(documents.map((document) => [document._id, document]));
  }

  async commit(writes: readonly GenerationWrite[]): Promise<void> {
    this.assertOpen();
    // Checked before the transaction starts: a bad document aborts nothing half-done.
    const operations = writes.map((write) => replaceOperations(write.projection.name, write.documents));
    const readModelOf = (collection: string | null) => writes.find((write) => generationName(write.generation) === collection)?.projection.name ?? collection ?? 'commit';
    await this.transaction('commit', readModelOf, async (session) => {
      for (const [i, write] of writes.entries()) {
        const name = generationName(write.generation);
        if (operations[i].length > 0) await this.db.collection<ProjectedDocument>(name).bulkWrite(operations[i], { session, ordered: true });
        const moved = await this.catalogCollection().updateOne(
          { _id: catalogId(write.generation), position: { $lte: write.position }, state: { $ne: 'dropped' } },
          { $set: { position: write.position } },
          { session },
        );
        if (moved.matchedCount !== 1) throw new CheckpointBehindError(name, write.position);
      }
    });
  }

  async activate(generation: Generation): Promise<void> {
    await this.transaction('activate', () => generation.readModel, async (session) => {
      await this.catalogCollection().updateMany({ readModel: generation.readModel, state: 'serving' }, { $set: { state: 'retired' } }, { session });
      await this.catalogCollection().updateOne({ _id: catalogId(generation) }, { $set: { state: 'serving', activatedAt: new Date(this.now()) } }, { session });
    });
    this.catalog = null;
  }

  async documents(generation: Generation): Promise<ProjectedDocument[]> {
    return this.reading(`documents ${generationName(generation)}`, () =>
      this.db.collection<ProjectedDocument>(generationName(generation)).find({}, { sort: { _id: 1 } }).toArray(),
    );
  }

  async drop(generation: Generation): Promise<void> {
    this.assertOpen();
    await this.reading(`drop ${generationName(generation)}`, async () => {
      await this.db.dropCollection(generationName(generation)).catch((error: unknown) => {
        // Never created (no document was ever written to it): nothing to drop.
        if ((error as { codeName?: unknown }).codeName !== 'NamespaceNotFound') throw error;
      });
      await this.catalogCollection().updateOne({ _id: catalogId(generation) }, { $set: { state: 'dropped' } });
    });
    this.catalog = null;
  }

  /** The lease that decides which app instance runs the projections, beside the read models it guards. */
  projectionLease(): MongoProjectionLease {
    return new MongoProjectionLease(this.db.collection<LeaseDocument>(LEASES_COLLECTION));
  }

  /** Reachability for the health endpoint: the server's `ping` command. Throws StoreUnavailableError. */
  /** A storage fault the server reported on a recent write (recent-write-fault.ts). */
  storageFault(): StorageFault | null {
    return this.writes.current();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      await this.db.command({ ping: 1 });
    } catch (error) {
      throw isUnavailable(error) ? unavailable(error, 'ping') : error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private catalogCollection(): Collection<GenerationDocument> {
    return this.db.collection<GenerationDocument>(GENERATIONS_COLLECTION);
  }

  /** `readModelOf` names the read model whose collection refused a duplicate key. */
  private async transaction(operation: string, readModelOf: (collection: string | null) => string, work: (session: ClientSession) => Promise<void>): Promise<void> {
    this.assertOpen();
    const session = this.client.startSession();
    try {
      // withTransaction retries the whole callback on TransientTransactionError (elections, write
      // conflicts) and the commit on UnknownTransactionCommitResult, as the driver documents.
      await session.withTransaction(work, { writeConcern: { w: 'majority' }, readConcern: { level: 'majority' }, readPreference: 'primary' });
      this.writes.succeeded();
    } catch (error) {
      throw duplicateKeyError(error, readModelOf) ?? this.writes.failed(toStoreError(error, operation));
    } finally {
      await session.endSession();
    }
  }

  private async reading<T>(operation: string, run: () => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await run();
    } catch (error) {
      throw toStoreError(error, operation);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadModelStoreClosedError();
  }
}

/** A unique index's refusal as the ledger names it (null for any other error). */
function duplicateKeyError(error: unknown, readModelOf: (collection: string | null) => string): DuplicateKeyError | null {
  const duplicate = duplicateKeyInfo(error);
  return duplicate ? new DuplicateKeyError(readModelOf(duplicate.collection), duplicate.indexName, JSON.stringify(duplicate.keyValue)) : null;
}

function catalogId(generation: Pick<Generation, 'readModel' | 'generation'>): string {
  return `${generation.readModel}:${generation.generation}`;
}

function toGeneration(document: GenerationDocument): Generation {
  const { readModel, generation, version, state, layout, position, indexed } = document;
  return { readModel, generation, version, state: state as Generation['state'], layout, position, indexed };
}

/** The declared indexes in MongoDB's terms: each field by its document path. */
export function indexDescriptions(projection: AnyProjection): IndexDescription[] {
  return projection.indexes.map((index) => ({
    name: index.name,
    key: Object.fromEntries(index.fields.map((field) => [field === '_id' ? '_id' : pathOf(projection, field), 1])),
    ...(index.unique ? { unique: true } : {}),
  }));
}

function pathOf(projection: AnyProjection, field: string): string {
  const declared = projection.fields[field];
  if (!declared) throw new Error(`Index of ${projection.name} names undeclared field ${field}`);
  return declared.path;
}

/** Upserts by `_id`; a later version of the same `_id` in one batch wins (the batch holds one per id anyway). */
function replaceOperations(readModel: string, documents: readonly ProjectedDocument[]): AnyBulkWriteOperation<ProjectedDocument>[] {
  return documents.map((document) => {
    if (typeof document._id !== 'string') throw new InvalidDocumentError(readModel, `_id must be a string, got ${typeof document._id}`);
    return { replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true } };
  });
}
