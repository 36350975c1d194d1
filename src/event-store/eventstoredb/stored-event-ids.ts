/**
 * What the EventStoreDB adapter remembers of the streams it appends to, for its idempotency check
 * (stored-batch.ts): each stored event's id, revision and position, with an index by id. Without it
 * every append read and parsed its whole stream from the server, so a command's cost grew with
 * its indicator's history; with it, an append reads only the events stored since the last one.
 *
 * Why it is safe:
 * - It holds only what the server returned on a read; an append's own events are learnt from the
 *   next read, so an append that failed, or whose acknowledgement was lost, is never assumed stored.
 * - Every append still reads the stream's tail from the server (from the next unknown revision), so
 *   events appended by other processes are seen before the check.
 * - A tail that does not continue where the memory ends (the stream was truncated or recreated)
 *   is not trusted: the stream is read in full again. A stream deleted outright reads as empty, like
 *   one with nothing new, and would be taken for unchanged: ledger streams are never deleted.
 * - It is bounded by the number of events it holds, least recently used streams first; a stream
 *   longer than the whole bound is not kept, and is read in full as before.
 */
import type { RecordedEvent } from '../../shared/messages';

/** A stored event as the idempotency check needs it. */
export interface StoredEventRef {
  readonly eventId: string;
  readonly revision: number;
  readonly position: number;
}

/** One stream's stored events, in revision order, with an index by event id. */
export class StoredStream {
  private readonly events: StoredEventRef[] = [];
  private readonly indexById = new Map<string, number>();

  get size(): number {
    return this.events.length;
  }

  /** The revision after the last one known: where the next read starts. */
  get nextRevision(): number {
    const last = this.last;
    return last ? last.revision + 1 : 0;
  }

  get last(): StoredEventRef | undefined {
    return this.events[this.events.length - 1];
  }

  at(index: number): StoredEventRef | undefined {
    return this.events[index];
  }

  indexOf(eventId: string): number | undefined {
    return this.indexById.get(eventId);
  }

  /** True when `events` carry on exactly where this stream ends (the first at `nextRevision`, then one by one). */
  continuesWith(events: readonly RecordedEvent[]): boolean {
    return events.every((event, i) => event.revision === this.nextRevision + i);
  }

  add(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      this.indexById.set(event.metadata.eventId, this.events.length);
      this.events.push({ eventId: event.metadata.eventId, revision: event.revision, position: event.position });
    }
  }
}

/** Each id with its revision and position takes about 150 bytes: some 7.5 MB at most. */
export const DEFAULT_MAX_REMEMBERED_EVENTS = 50_000;

export class StoredEventIds {
  /** Least recently used first (a Map keeps insertion order; a use re-inserts). */
  private readonly streams = new Map<string, StoredStream>();
  private remembered = 0;

  constructor(private readonly maxEvents: number = DEFAULT_MAX_REMEMBERED_EVENTS) {
    if (!Number.isInteger(maxEvents) || maxEvents < 0) throw new RangeError(`maxEvents must be a whole number >= 0, got ${maxEvents}`);
  }

  /** Number of events remembered, over every stream. */
  get size(): number {
    return this.remembered;
  }

  /** The stream as remembered (taken out: `keep` puts it back), or undefined. */
  take(streamId: string): StoredStream | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    this.streams.delete(streamId);
    this.remembered -= stream.size;
    return stream;
  }

  /** Remembers the stream as the most recently used, forgetting the least recently used beyond the bound. */
  keep(streamId: string, stream: StoredStream): void {
    this.take(streamId);
    if (stream.size === 0 || stream.size > this.maxEvents) return;
    this.streams.set(streamId, stream);
    this.remembered += stream.size;
    for (const [oldest, kept] of this.streams) {
      if (this.remembered <= this.maxEvents) break;
      this.streams.delete(oldest);
      this.remembered -= kept.size;
    }
  }
}
