/**
 * The write path's memory of recently used streams, so a command reads only what was appended
 * since the last command on its stream instead of reading and parsing the whole stream again.
 *
 * Why it is safe (the executor relies on each point):
 * - It holds only events the store returned; nothing is added from a command's own append, so it
 *   is never ahead of the store because an append failed, or was acknowledged and then lost.
 * - Every command still reads the stream's tail from the store (`readStream` from the next unknown
 *   revision), so events appended by other processes, or by anything else in this one, are seen.
 * - Conflicts are still decided by the store: the append carries the revision the decision was
 *   made on. On a `ConcurrencyError` the entry is dropped and the next attempt reads in full.
 * - It is bounded by the number of events it holds (LRU: the least recently used streams go
 *   first); a stream longer than the whole bound, or empty, is not kept and is read in full.
 *   With each stream it keeps the state its decider folded, so only new events are folded.
 *
 * It lives beside the executor, not in an event store adapter, because the integrity endpoint and
 * `npm run verify` read through `readStream` precisely to see what is on disk now.
 */
import type { EventStore } from '../event-store/event-store.port';
import type { KnownStream } from './known-stream';

/** A parsed report event takes about 1.6 kB of heap (measured): some 30 MB at most, whatever the number of streams. */
export const DEFAULT_MAX_CACHED_EVENTS = 20_000;

export class StreamCache {
  /** In least recently used first order (a Map keeps insertion order; a hit re-inserts). */
  private readonly streams = new Map<string, { stream: KnownStream; size: number }>();
  private cachedEvents = 0;

  constructor(readonly maxEvents: number = DEFAULT_MAX_CACHED_EVENTS) {
    if (!Number.isInteger(maxEvents) || maxEvents < 0) throw new RangeError(`maxEvents must be a whole number >= 0, got ${maxEvents}`);
  }

  /** Number of events held, over every stream. */
  get size(): number {
    return this.cachedEvents;
  }

  has(streamId: string): boolean {
    return this.streams.has(streamId);
  }

  /** The stream as last kept, marked as the most recently used. */
  get(streamId: string): KnownStream | undefined {
    const entry = this.streams.get(streamId);
    if (!entry) return undefined;
    this.streams.delete(streamId);
    this.streams.set(streamId, entry);
    return entry.stream;
  }

  /** Keeps (or keeps again, after it grew) a stream as the most recently used, evicting others beyond the bound. */
  keep(stream: KnownStream): void {
    this.forget(stream.streamId);
    // An empty stream costs nothing to read again, and would not count against the bound.
    if (stream.size === 0 || stream.size > this.maxEvents) return;
    this.streams.set(stream.streamId, { stream, size: stream.size });
    this.cachedEvents += stream.size;
    for (const [streamId] of this.streams) {
      if (this.cachedEvents <= this.maxEvents) break;
      this.forget(streamId);
    }
  }

  forget(streamId: string): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    this.streams.delete(streamId);
    this.cachedEvents -= entry.size;
  }
}

const cachesByStore = new WeakMap<EventStore, StreamCache>();

/**
 * One cache per event store instance, shared by every executor writing to it (indicators, units,
 * the resolution), like the stream locks it depends on: a stream's entry is read and updated only
 * by the command holding that stream's lock.
 */
export function streamCacheFor(eventStore: EventStore): StreamCache {
  let cache = cachesByStore.get(eventStore);
  if (!cache) {
    cache = new StreamCache();
    cachesByStore.set(eventStore, cache);
  }
  return cache;
}
