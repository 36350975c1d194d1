/**
 * The embedded read store: MongoDB's query language served from memory by mingo. It is rebuilt
 * from the event store at start, so nothing here is persisted.
 *
 * Writes are validated in full before any is applied (document shape, unique indexes), so a
 * refused `replaceMany` or `commit` leaves the store exactly as it was. `commit` applies its
 * documents and its checkpoint in one synchronous step: no reader can observe one without the other.
 *
 * Documents are stored as copies, except those the projection runner hands over at commit
 * (`handOver`): it never touches them again, so they are kept as they are (handed-over.ts).
 */
import type { Checkpoint, CommitOptions, ReadCollection, ReadDocument, ReadStore } from './read-store.port';
import { InMemoryCollection, type CollectionHost, type CollectionState } from './in-memory-collection';
import { InvalidDocumentError, ReadStoreClosedError } from './read-store.errors';
import { CollectionLookup } from './collection-lookup';
import { adoptInPlace } from './handed-over';
import { storedCopy } from './stored-copy';

export class InMemoryReadStore implements ReadStore {
  private readonly collections = new Map<string, CollectionState>();
  private readonly checkpoints = new Map<string, number>();
  private closed = false;
  /** What collections may do to the store, without making these methods part of its public API. */
  private readonly host: CollectionHost = {
    state: (collection) => this.state(collection),
    write: (writes) => this.write(writes),
  };

  collection<D extends ReadDocument>(name: string): ReadCollection<D> {
    return new InMemoryCollection<D>(name, this.host);
  }

  async commit(writes: ReadonlyMap<string, readonly ReadDocument[]>, checkpoint: Checkpoint, options: CommitOptions = {}): Promise<void> {
    this.assertOpen();
    if (!Number.isFinite(checkpoint.position) || checkpoint.position < 0) {
      throw new InvalidDocumentError('checkpoints', `position must be a number >= 0, got ${checkpoint.position}`);
    }
    this.write(writes, options.handOver === true);
    this.checkpoints.set(checkpoint.name, checkpoint.position);
  }

  peekDocument(collection: string, id: string): ReadDocument | null {
    return this.state(collection).documents.get(id) ?? null;
  }

  async loadCheckpoint(name: string): Promise<number> {
    this.assertOpen();
    return this.checkpoints.get(name) ?? 0;
  }

  /** Empties the collections but keeps their indexes, like `deleteMany({})` on MongoDB. */
  async reset(collections: readonly string[], checkpointName: string): Promise<void> {
    this.assertOpen();
    for (const name of collections) {
      const state = this.collections.get(name);
      state?.documents.clear();
      state?.lookup.clear();
    }
    this.checkpoints.delete(checkpointName);
  }

  /** Always answers while open: there is nothing to reach. */
  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.collections.clear();
    this.checkpoints.clear();
  }

  private state(collection: string): CollectionState {
    this.assertOpen();
    let state = this.collections.get(collection);
    if (!state) {
      state = { documents: new Map(), indexes: new Map(), lookup: new CollectionLookup() };
      this.collections.set(collection, state);
    }
    return state;
  }

  private write(writes: ReadonlyMap<string, readonly ReadDocument[]>, handedOver = false): void {
    const staged: StagedWrite[] = [];
    for (const [collection, documents] of writes) staged.push(this.staged(collection, documents, handedOver));
    const checked = staged.map(({ collection, byId }) => this.state(collection).lookup.assertWritable(collection, byId));
    staged.forEach(({ collection, byId, replaced }, c) => {
      const { documents: stored, lookup } = this.state(collection);
      let i = 0;
      for (const document of byId.values()) {
        lookup.written(replaced[i], document, checked[c], i);
        stored.set(document._id, document);
        i += 1;
      }
    });
  }

  /**
   * One collection's documents as they will be stored, by `_id` (a later document with the same
   * `_id` wins, as in an ordered bulk write), and beside them, in the same order, the documents
   * they replace: each stored document is looked up once, in a map as large as the collection.
   */
  private staged(collection: string, documents: readonly ReadDocument[], handedOver: boolean): StagedWrite {
    const stored = this.state(collection).documents;
    const byId = new Map<string, ReadDocument>();
    const replaced: Array<ReadDocument | undefined> = [];
    for (const document of documents) {
      const previous = document !== null && typeof document === 'object' ? stored.get(document._id) : undefined;
      // Both refuse a document without a valid _id, so `next._id` is one.
      const next = handedOver ? adopted(collection, document, previous) : storedCopy(collection, document);
      const size = byId.size;
      byId.set(next._id, next);
      if (byId.size > size) replaced.push(previous);
    }
    return { collection, byId, replaced };
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadStoreClosedError();
  }
}

interface StagedWrite {
  collection: string;
  byId: Map<string, ReadDocument>;
  /** The stored document each of `byId`'s entries replaces, in `byId`'s order (undefined: a new one). */
  replaced: Array<ReadDocument | undefined>;
}

/**
 * A handed-over document kept as it is when it is plain data with a valid `_id`, else copied (which
 * refuses what must be refused). What it shares with the version it replaces is not looked at again.
 */
function adopted(collection: string, document: ReadDocument, replaced: ReadDocument | undefined): ReadDocument {
  const valid = document !== null && typeof document === 'object' && typeof document._id === 'string' && document._id !== '';
  return valid && adoptInPlace(document, replaced) ? document : storedCopy(collection, document);
}
