/**
 * The read store port: the small subset of the MongoDB collection API that projections and queries
 * use. The MongoDB adapter is the real driver; the embedded adapter answers the same query language
 * from memory with mingo, so an analyst's filter means the same on both.
 */

export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface IndexDefinition {
  /** Field → 1 / -1, in order. */
  key: Record<string, 1 | -1>;
  name: string;
  unique?: boolean;
}

/** Every read-model document has a string `_id`. */
export interface ReadDocument {
  _id: string;
}

export interface ReadCollection<D extends ReadDocument> {
  find(filter: Filter, options?: FindOptions): Promise<D[]>;
  findOne(filter: Filter): Promise<D | null>;
  countDocuments(filter: Filter): Promise<number>;
  aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]>;
  /** Inserts or replaces each document by `_id`, all in one call. */
  replaceMany(documents: readonly D[]): Promise<void>;
  deleteMany(filter: Filter): Promise<number>;
  createIndexes(indexes: readonly IndexDefinition[]): Promise<void>;
}

/** A projection checkpoint: the global position up to which its documents are written. */
export interface Checkpoint {
  name: string;
  position: number;
}

export interface CommitOptions {
  /**
   * The caller hands the documents over: it will neither read nor change them after the call. A
   * store that keeps documents as objects (in memory) may keep these very objects instead of
   * copies. Stores that serialise (MongoDB) ignore it.
   */
  handOver?: boolean;
}

export interface ReadStore {
  collection<D extends ReadDocument>(name: string): ReadCollection<D>;
  /**
   * Writes a batch of documents and the checkpoint together. On MongoDB this is one transaction;
   * in memory it is one synchronous step. Either way a crash never leaves documents ahead of a
   * checkpoint that would make them be applied twice, and they are idempotent anyway.
   */
  commit(writes: ReadonlyMap<string, readonly ReadDocument[]>, checkpoint: Checkpoint, options?: CommitOptions): Promise<void>;
  /**
   * The stored document itself, not a copy (null when there is none), synchronously: for the
   * projection runner, whose projections never change the document they are given. Offered only
   * by stores that keep documents as objects; callers without it use `findOne({ _id })`.
   */
  peekDocument?(collection: string, id: string): ReadDocument | null;
  loadCheckpoint(name: string): Promise<number>;
  /** Drops every document of the named collections and the checkpoint, for a rebuild from zero. */
  reset(collections: readonly string[], checkpointName: string): Promise<void>;
  /** Resolves when the store answers a trivial request; rejects (StoreUnavailableError for servers) when it does not. For health checks. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
