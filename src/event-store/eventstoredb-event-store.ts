/**
 * The production event store: EventStoreDB through the official gRPC client (@eventstore/db-client 6).
 *
 * The same port and contract suite as the SQLite adapter. What is particular to EventStoreDB:
 * - Appends carry the revision the caller read: NO_STREAM to create a stream, the bigint revision
 *   otherwise; never ANY. WrongExpectedVersionError becomes our ConcurrencyError (409).
 * - Idempotency: a batch whose ids are already in the stream (see eventstoredb/stored-batch.ts)
 *   appends nothing and answers the original revision and position, whatever revision it is
 *   retried with. Each append reads the events stored since the adapter's last append to that
 *   stream (eventstoredb/stored-event-ids.ts), not the whole stream.
 * - Positions are commit positions as numbers; reads and subscriptions resume from one stored
 *   number exactly (see eventstoredb/positions.ts).
 * - $all is read with system events excluded and only the ledger's stream categories kept, so the
 *   head, pages and subscriptions never wait for or stumble over events that are not ours.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { ConcurrencyError } from '../shared/errors';
import type { NewEvent, RecordedEvent } from '../shared/messages';
import { EventIdConflictError, EventStoreClosedError, InvalidEventStoreArgumentError } from './event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, Subscription } from './event-store.port';
import { isStreamNotFound, isWrongExpectedVersion, toLedgerError } from './eventstoredb/client-errors';
import { RecentWriteFault } from '../shared/recent-write-fault';
import type { StorageFault } from '../shared/storage-fault';
import { ledgerEventFilter, toEventData, toLedgerEvent } from './eventstoredb/event-conversion';
import { EventStoreDbSubscription } from './eventstoredb/eventstoredb-subscription';
import { assertPosition, currentRevisionOf, esdbExpectedRevision, isSingleRecordPosition, ledgerPositionOf, ledgerRevisionOf, readPositionAfter } from './eventstoredb/positions';
import { findStoredBatch, firstRepeatedId } from './eventstoredb/stored-batch';
import { StoredEventIds, StoredStream } from './eventstoredb/stored-event-ids';
import { assertCountLimit, firstRevisionToRead } from './read-stream-options';

/** The part of the client this adapter uses; tests hand in a stand-in with the same behaviour. */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbEventStoreOptions {
  /** Name prefixes of the ledger's stream categories (`indicator-`, …): the only streams read from $all. */
  streamPrefixes: readonly string[];
  /** Events asked for per $all request while scanning past other events. Default 500 (at least 2). */
  readBatchSize?: number;
  /** How many stored event ids the idempotency check remembers across streams (stored-event-ids.ts). Default 50,000. */
  maxRememberedEvents?: number;
}

export const DEFAULT_PAGE_SIZE = 1000;
const DEFAULT_READ_BATCH = 500;

/** One record read from $all. */
type AllStreamRecord = NonNullable<AllStreamResolvedEvent['event']>;

export class EventStoreDbEventStore implements EventStore {
  private readonly isLedgerEvent: ReturnType<typeof ledgerEventFilter>;
  private readonly readBatchSize: number;
  private readonly openSubscriptions = new Set<Subscription>();
  /** The ids of stored events of the streams appended to, so an append reads only the tail for its idempotency check. */
  private readonly storedIds: StoredEventIds;
  private closed = false;
  private readonly writes = new RecentWriteFault();

  constructor(
    private readonly client: EventStoreDbClient,
    options: EventStoreDbEventStoreOptions,
  ) {
    if (options.streamPrefixes.length === 0 || options.streamPrefixes.some((prefix) => prefix === '' || prefix.startsWith('$'))) {
      throw new InvalidEventStoreArgumentError('streamPrefixes must name at least one non-system stream category', { streamPrefixes: options.streamPrefixes });
    }
    this.isLedgerEvent = ledgerEventFilter(options.streamPrefixes);
    // A page re-reads the event it starts at (reads are inclusive), so it must hold at least two.
    this.readBatchSize = Math.max(2, options.readBatchSize ?? DEFAULT_READ_BATCH);
    this.storedIds = new StoredEventIds(options.maxRememberedEvents);
  }

  /** Connects lazily: the client dials the server on the first call, so construction never fails on the network. */
  static fromConnectionString(connectionString: string, options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const firstRevision = firstRevisionToRead(options);
    const events: RecordedEvent[] = [];
    try {
      // A revision past the end reads as empty on the server, like a missing stream (below).
      const fromRevision = firstRevision === 0 ? START : BigInt(firstRevision);
      for await (const resolved of this.client.readStream(streamId, { fromRevision, direction: FORWARDS })) {
        if (resolved.event) events.push(toLedgerEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toLedgerError(error, 'readStream');
    }
    return events;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const expected = esdbExpectedRevision(expectedRevision);
    const eventData = events.map(toEventData);
    const stored = await this.storedStream(streamId);
    const currentRevision = stored.last?.revision ?? null;

    const repeated = firstRepeatedId(events);
    if (repeated) throw new EventIdConflictError(streamId, expectedRevision, currentRevision, repeated, null);
    const original = findStoredBatch(streamId, stored, events, expectedRevision);
    if (original) return original;

    if (events.length === 0) {
      // Nothing to write: answer the stream's state as read, after checking the revision like an append would.
      const matches = expectedRevision === 'no_stream' ? currentRevision === null : expectedRevision === currentRevision;
      if (!matches) throw new ConcurrencyError(streamId, expectedRevision, currentRevision);
      return { nextRevision: currentRevision ?? -1, position: stored.last?.position ?? 0 };
    }

    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, eventData, { expectedRevision: expected });
      this.writes.succeeded();
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw this.writes.failed(toLedgerError(error, 'appendToStream'));
      return this.afterWrongExpectedVersion(streamId, events, expectedRevision, currentRevisionOf(error.actualVersion));
    }
    // With `throwOnAppendFailure=false` in the connection string the client reports a wrong
    // expected version as `success: false` instead of throwing: the same refusal.
    if (!result.success) return this.afterWrongExpectedVersion(streamId, events, expectedRevision, currentRevisionOf(result.nextExpectedRevision));
    return this.resultOf(streamId, result, events);
  }

  /** The server refused the expected revision. The same batch may have won the race in a concurrent retry: then it is the original. */
  private async afterWrongExpectedVersion(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision, reported: number | null): Promise<AppendResult> {
    const now = await this.storedStream(streamId);
    const winner = findStoredBatch(streamId, now, events, expectedRevision);
    if (winner) return winner;
    throw new ConcurrencyError(streamId, expectedRevision, reported ?? now.last?.revision ?? null);
  }

  /**
   * The stream's stored event ids, for the idempotency check: what was remembered from earlier
   * appends, plus the tail stored since, read from the server (stored-event-ids.ts). A tail that
   * does not carry on where the memory ends is not trusted: the stream is read in full.
   */
  private async storedStream(streamId: string): Promise<StoredStream> {
    const known = this.storedIds.take(streamId);
    const tail = await this.readStream(streamId, known ? { fromRevision: known.nextRevision } : undefined);
    let stream: StoredStream;
    if (known && known.continuesWith(tail)) {
      stream = known;
      stream.add(tail);
    } else {
      stream = new StoredStream();
      stream.add(known ? await this.readStream(streamId) : tail);
    }
    this.storedIds.keep(streamId, stream);
    return stream;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InvalidEventStoreArgumentError(`readAll limit must be a positive integer, got ${limit}`, { limit });
    }
    assertPosition(options.fromPosition);
    const page: RecordedEvent[] = [];
    for await (const event of this.ledgerRecordsAfter(options.fromPosition)) {
      page.push(toLedgerEvent(event));
      if (page.length === limit) break;
    }
    return page;
  }

  /** Reads the records one by one without converting them: positions are byte offsets here, not counts. */
  async countAfter(position: number, atMost: number): Promise<number> {
    this.assertOpen();
    assertCountLimit(atMost);
    assertPosition(position);
    let count = 0;
    for await (const _ of this.ledgerRecordsAfter(position)) {
      if (++count === atMost) break;
    }
    return count;
  }

  /** The ledger's records in $all after `position`, in order, read a batch at a time as they are consumed. */
  private async *ledgerRecordsAfter(position: number): AsyncGenerator<AllStreamRecord> {
    // Reads are inclusive: skip the start position itself, and on later batches the record they restart at.
    let after = BigInt(position);
    let from: ReadPosition = readPositionAfter(position);
    for (;;) {
      const batch = await this.readAllBatch(from, FORWARDS);
      for (const resolved of batch) {
        const event = resolved.event;
        if (event && event.position.commit > after && this.isLedgerEvent(event)) yield event;
      }
      // Fewer than asked for: the end of the log. Otherwise go on from the last record seen.
      if (batch.length < this.readBatchSize) return;
      const last = batch[batch.length - 1].event;
      if (!last) return;
      from = last.position;
      after = last.position.commit;
    }
  }

  subscribeToAll(fromPosition: number): Subscription {
    this.assertOpen();
    const source = this.client.subscribeToAll({ fromPosition: readPositionAfter(fromPosition), filter: excludeSystemEvents() });
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(source, fromPosition, this.isLedgerEvent, () =>
      this.openSubscriptions.delete(subscription),
    );
    this.openSubscriptions.add(subscription);
    return subscription;
  }

  /** The position of the last ledger event in $all, 0 when there is none: read backwards from the end. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const batch = await this.readAllBatch(from, BACKWARDS);
      for (const resolved of batch) {
        const event = resolved.event;
        if (event && this.isLedgerEvent(event)) return toLedgerEvent(event).position;
      }
      if (batch.length < this.readBatchSize) return 0;
      const last = batch[batch.length - 1].event;
      if (!last) return 0;
      // Backward reads start before the given position, so the last record seen is not read again.
      from = last.position;
    }
  }

  /** Reachability for the health endpoint: one tiny read of $all. Throws StoreUnavailableError when the server cannot be used. */
  /** A storage fault the server reported on a recent append (recent-write-fault.ts). */
  storageFault(): StorageFault | null {
    return this.writes.current();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.readAllBatch(END, BACKWARDS, 1);
  }

  /**
   * Readiness at start (eventstoredb/wait-for-leader.ts): the same tiny read, but one only the
   * leader may answer, so it succeeds once the cluster has elected a leader and the client has
   * found it. Until then it throws EventStoreNoLeaderError (or another StoreUnavailableError).
   */
  async checkLeader(): Promise<void> {
    this.assertOpen();
    await this.readAllBatch(END, BACKWARDS, 1, true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.openSubscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async readAllBatch(
    fromPosition: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount = this.readBatchSize,
    requiresLeader = false,
  ): Promise<AllStreamResolvedEvent[]> {
    const batch: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition, direction, maxCount, ...(requiresLeader ? { requiresLeader } : {}) })) batch.push(resolved);
    } catch (error) {
      throw toLedgerError(error, 'readAll');
    }
    return batch;
  }

  /**
   * The port's result of a successful append. A single event is alone at its position, and the
   * server reports that position; for several events the report is of the whole write, so the
   * batch's last event is read back for its own position (the one a subscription will carry).
   */
  private async resultOf(streamId: string, result: EsdbAppendResult, events: readonly NewEvent[]): Promise<AppendResult> {
    const nextRevision = ledgerRevisionOf(result.nextExpectedRevision);
    const reported: Position | undefined = result.position;
    if (events.length === 1 && reported && isSingleRecordPosition(reported)) return { nextRevision, position: ledgerPositionOf(reported) };
    const last = await this.readEventAt(streamId, nextRevision);
    const lastId = events[events.length - 1].metadata.eventId;
    if (!last || last.metadata.eventId !== lastId) {
      // The server said it stored the batch ending at this revision: anything else is a broken store.
      throw new Error(`EventStoreDB reported ${streamId}@${nextRevision} for the batch ending with event ${lastId}, but that revision holds ${last?.metadata.eventId ?? 'nothing'}`);
    }
    return { nextRevision, position: last.position };
  }

  private async readEventAt(streamId: string, revision: number): Promise<RecordedEvent | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: BigInt(revision), direction: FORWARDS, maxCount: 1 })) {
        if (resolved.event) return toLedgerEvent(resolved.event, resolved.commitPosition);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return null;
      throw toLedgerError(error, 'readStream');
    }
    return null;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
