/**
 * The production read store: MongoDB through the official driver, on a replica set.
 *
 * - `commit` writes a batch's documents and the checkpoint in ONE transaction with write concern
 *   `majority`: an acknowledged batch survives the loss of the primary, and no reader ever sees
 *   documents without the checkpoint that goes with them (or the reverse).
 * - The checkpoint only moves forward: a commit whose position is behind the stored checkpoint
 *   is refused (`CheckpointBehindError`) and its transaction aborted. A second projection runner
 *   started by mistake therefore cannot roll documents back; it fails, reloads the checkpoint and
 *   follows. (The projection lease keeps it to one runner; this is what makes the moment of a
 *   takeover safe: see src/projection-runner/projection-leadership.ts.)
 * - Checkpoints live in the `checkpoints` collection as `{ _id: name, position, updatedAt }`.
 * - Queries pass the same guard as the in-memory store; refused queries are 400s, an unreachable
 *   deployment is a 503 (`StoreUnavailableError`), a unique index violation is `DuplicateKeyError`.
 */
import { MongoClient, type ClientSession, type Collection, type Db } from 'mongodb';
import { LEASES_COLLECTION, MongoProjectionLease, type LeaseDocument } from '../projection-lease/mongo-projection-lease';
import { LedgerError } from '../shared/errors';
import type { Checkpoint, IndexDefinition, ReadCollection, ReadDocument, ReadStore } from './read-store.port';
import { DuplicateKeyError, IndexConflictError, InvalidDocumentError, ReadStoreClosedError } from './read-store.errors';
import { toMongoIndexSpec } from './mongo/index-specs';
import { MongoReadCollection, replaceOperations, type MongoCollectionHost } from './mongo/mongo-collection';
import { duplicateKeyInfo, isIndexConflict, isUnavailable, toReadError, unavailable } from './mongo/mongo-errors';

export const CHECKPOINTS_COLLECTION = 'checkpoints';

/** A commit tried to move a checkpoint backwards: another runner is ahead on the same read models. */
export class CheckpointBehindError extends LedgerError {
  readonly code = 'CHECKPOINT_BEHIND';

  constructor(
    readonly checkpoint: string,
    readonly position: number,
  ) {
    super(`Checkpoint ${checkpoint} is already past position ${position}: another projection runner is ahead; reload and follow`, { checkpoint, position });
  }
}

/** The client options the ledger relies on; a connection string may add TLS, credentials, timeouts. */
export const MONGO_CLIENT_OPTIONS = {
  appName: 'resolution-ledger',
  writeConcern: { w: 'majority' as const },
  readPreference: 'primary' as const,
  retryWrites: true,
  retryReads: true,
};

type MongoClientLike = Pick<MongoClient, 'db' | 'startSession' | 'close'>;

export class MongoReadStore implements ReadStore {
  private readonly db: Db;
  private closed = false;
  private readonly host: MongoCollectionHost = {
    collection: (name) => this.db.collection<ReadDocument>(name),
    transaction: (operation, work) => this.transaction(operation, work),
    createIndexes: (collection, indexes) => this.createIndexes(collection, indexes),
    assertOpen: () => this.assertOpen(),
  };

  constructor(
    private readonly client: MongoClientLike,
    databaseName: string,
  ) {
    this.db = client.db(databaseName);
  }

  /** Connects lazily: the driver dials on the first operation, so building the app never fails on the network. */
  static fromUri(uri: string, databaseName: string): MongoReadStore {
    return new MongoReadStore(new MongoClient(uri, MONGO_CLIENT_OPTIONS), databaseName);
  }

  collection<D extends ReadDocument>(name: string): ReadCollection<D> {
    return new MongoReadCollection<D>(name, this.host);
  }

  async commit(writes: ReadonlyMap<string, readonly ReadDocument[]>, checkpoint: Checkpoint): Promise<void> {
    this.assertOpen();
    if (!Number.isSafeInteger(checkpoint.position) || checkpoint.position < 0) {
      throw new InvalidDocumentError(CHECKPOINTS_COLLECTION, `position must be a whole number >= 0, got ${checkpoint.position}`);
    }
    // Validated and copied before the transaction starts: a bad document aborts nothing half-done.
    const operations = [...writes].filter(([, documents]) => documents.length > 0).map(([collection, documents]) => [collection, replaceOperations(collection, documents)] as const);
    await this.transaction(`commit ${checkpoint.name}@${checkpoint.position}`, async (session) => {
      for (const [collection, ops] of operations) await this.db.collection<ReadDocument>(collection).bulkWrite(ops, { session, ordered: true });
      await this.advanceCheckpoint(checkpoint, session);
    });
  }

  async loadCheckpoint(name: string): Promise<number> {
    this.assertOpen();
    try {
      const stored = await this.checkpoints().findOne({ _id: name });
      return typeof stored?.position === 'number' ? stored.position : 0;
    } catch (error) {
      throw toReadError(error, 'loadCheckpoint');
    }
  }

  /**
   * Forgets the checkpoint first, then empties the collections (indexes stay, as on the in-memory
   * store). A crash in between leaves documents and no checkpoint: the replay skips what they
   * already reflect. The other order could leave a checkpoint over missing documents.
   */
  async reset(collections: readonly string[], checkpointName: string): Promise<void> {
    this.assertOpen();
    try {
      await this.checkpoints().deleteOne({ _id: checkpointName });
      for (const name of collections) await this.db.collection(name).deleteMany({});
    } catch (error) {
      throw toReadError(error, 'reset');
    }
  }

  /**
   * The lease that decides which app instance runs the projections over these read models. It
   * lives in the same database (`leases`), on the same client, so it fails and recovers with them.
   */
  projectionLease(): MongoProjectionLease {
    return new MongoProjectionLease(this.db.collection<LeaseDocument>(LEASES_COLLECTION));
  }

  /** Reachability for the health endpoint: the server's `ping` command. Throws StoreUnavailableError. */
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

  /**
   * Moves the checkpoint forward inside the transaction. The filter only matches a checkpoint at
   * or behind `position`; when it is ahead, the upsert tries to insert a second document with the
   * same `_id` and fails with E11000, which aborts the whole transaction.
   */
  private async advanceCheckpoint(checkpoint: Checkpoint, session: ClientSession): Promise<void> {
    try {
      await this.checkpoints().updateOne(
        { _id: checkpoint.name, position: { $lte: checkpoint.position } },
        { $set: { position: checkpoint.position, updatedAt: new Date() } },
        { session, upsert: true },
      );
    } catch (error) {
      if (duplicateKeyInfo(error)?.indexName === '_id_') throw new CheckpointBehindError(checkpoint.name, checkpoint.position);
      throw error;
    }
  }

  private async transaction(operation: string, work: (session: ClientSession) => Promise<void>): Promise<void> {
    this.assertOpen();
    const session = this.client.startSession();
    try {
      // withTransaction retries the whole callback on TransientTransactionError (elections, write
      // conflicts) and the commit on UnknownTransactionCommitResult, as the driver documents.
      await session.withTransaction(work, { writeConcern: { w: 'majority' }, readConcern: { level: 'majority' }, readPreference: 'primary' });
    } catch (error) {
      throw await this.toWriteError(error, operation);
    } finally {
      await session.endSession();
    }
  }

  private async createIndexes(collection: string, indexes: readonly IndexDefinition[]): Promise<void> {
    this.assertOpen();
    if (indexes.length === 0) return;
    try {
      await this.db.collection(collection).createIndexes(indexes.map(toMongoIndexSpec));
    } catch (error) {
      if (isIndexConflict(error)) {
        const named = indexes.find((index) => String((error as Error).message).includes(index.name));
        throw new IndexConflictError(collection, named?.name ?? indexes.map((index) => index.name).join(','));
      }
      throw await this.toWriteError(error, `createIndexes ${collection}`, collection);
    }
  }

  /** Our typed errors pass through; E11000 becomes DuplicateKeyError naming both documents where it can. */
  private async toWriteError(error: unknown, operation: string, collectionHint?: string): Promise<unknown> {
    if (error instanceof LedgerError) return error;
    const duplicate = duplicateKeyInfo(error);
    if (duplicate) {
      const collection = collectionHint ?? collectionFromMessage(error) ?? 'unknown';
      const existingId = duplicate.keyValue ? await this.findOwner(collection, duplicate.keyValue) : null;
      return new DuplicateKeyError(collection, duplicate.indexName, [existingId ?? '(unknown)', duplicate.incomingId ?? '(unknown)']);
    }
    if (isUnavailable(error)) return unavailable(error, operation);
    return error;
  }

  /** The stored document holding a duplicated key: best effort, for the error message only. */
  private async findOwner(collection: string, keyValue: Record<string, unknown>): Promise<string | null> {
    try {
      const owner = await this.db.collection(collection).findOne(keyValue, { projection: { _id: 1 } });
      return typeof owner?._id === 'string' ? owner._id : null;
    } catch {
      return null;
    }
  }

  private checkpoints(): Collection<{ _id: string; position: number; updatedAt: Date }> {
    return this.db.collection<{ _id: string; position: number; updatedAt: Date }>(CHECKPOINTS_COLLECTION);
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadStoreClosedError();
  }
}

/** "E11000 duplicate key error collection: ledger.progress_reports index: …" → "progress_reports". */
function collectionFromMessage(error: unknown): string | null {
  const message = error instanceof Error ? error.message : '';
  const match = /collection: [^.\s]+\.(\S+) index:/.exec(message);
  return match ? match[1] : null;
}

