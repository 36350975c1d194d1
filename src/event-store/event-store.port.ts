/**
 * The event store port. Two adapters implement it and pass one contract suite
 * (test/contract/event-store.contract.ts): SQLite (embedded default) and EventStoreDB (production).
 */
import type { NewEvent, RecordedEvent } from '../shared/messages';
import type { StorageFault } from '../shared/storage-fault';

/**
 * What the writer believes the stream's last revision is: `'no_stream'` when creating it, otherwise
 * the 0-based revision of its last event. There is deliberately no "any": every append is checked.
 */
export type ExpectedRevision = 'no_stream' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global position of the last event appended. */
  position: number;
}

export interface ReadStreamOptions {
  /**
   * Only events with a revision greater than or equal to this (0 reads the whole stream). A
   * revision past the end reads as empty. For a writer that already holds the start of the stream
   * and needs only what was appended since (src/command-handling/stream-cache.ts).
   */
  fromRevision?: number;
}

export interface ReadAllOptions {
  /** Only events with a position strictly greater than this. 0 reads from the beginning. */
  fromPosition: number;
  /** At most this many events (a page); the adapter chooses a sensible default. */
  limit?: number;
}

/** A live feed of events after a position: first the stored ones, then each new one as it is appended. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Stops the feed; a pending iteration ends. */
  close(): Promise<void>;
}

export interface EventStore {
  /** The stream's events in revision order (from `options.fromRevision`); an unknown stream reads as empty. Always read from the store itself, never from a cache. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Appends atomically: all events or none. Throws `ConcurrencyError` when the stream is not at
   * `expectedRevision`. Appending events whose ids are already stored, in the same stream and order
   * (a retried command), appends nothing and returns the original result.
   */
  appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /** One page of the global log in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Every event after `fromPosition`, stored then live, one at a time, in position order. */
  subscribeToAll(fromPosition: number): Subscription;

  /** Position of the last event in the store (0 when empty). */
  headPosition(): Promise<number>;

  /**
   * How many events lie after `position`, counting no further than `atMost` (the answer is then
   * `atMost`). Positions are not counts: EventStoreDB's are byte offsets in its log, so the gap
   * between two of them says nothing about the events between. For lag reports.
   */
  countAfter(position: number, atMost: number): Promise<number>;

  /** Resolves when the store answers a trivial request; rejects (StoreUnavailableError for servers) when it does not. For health checks. */
  ping?(): Promise<void>;

  /**
   * The storage fault (disk full, read-only, I/O errors) that stopped the last write, if it still
   * holds (null once the store could write again), or the damage met in its file (which stays).
   * For health checks: reads of what is sound keep working meanwhile.
   */
  storageFault?(): StorageFault | null;

  close(): Promise<void>;
}
