/**
 * The embedded event store: one SQLite file, one row per event, the rowid as global position.
 *
 * Behaviour beyond the port's comments (the contract suite pins it down):
 * - Idempotency is checked before the expected revision, like EventStoreDB: a retried command gets
 *   its original result even though the stream has moved on since. The batch counts as "already
 *   stored" only when its first id is stored and every id follows in the same stream, consecutive
 *   and in the same order; any other reuse of stored ids throws `EventIdConflictError` (a
 *   `ConcurrencyError`).
 * - An empty batch writes nothing but still checks `expectedRevision`, and answers the stream's
 *   current state: `{ nextRevision: -1, position: 0 }` for a stream that does not exist.
 * - Appends requested in the same turn of the event loop are committed together (group-commit.ts):
 *   one `BEGIN IMMEDIATE … COMMIT`, one fsync, each append in a savepoint of its own so it succeeds
 *   or fails alone, in the order requested. Every append is acknowledged only after that commit.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConcurrencyError } from '../shared/errors';
import type { NewEvent, RecordedEvent } from '../shared/messages';
import { EventIdConflictError, EventStoreClosedError, InvalidEventStoreArgumentError } from './event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, Subscription } from './event-store.port';
import { assertCountLimit, firstRevisionToRead } from './read-stream-options';
import { GroupCommit, type Settled } from './group-commit';
import { nextTurn } from '../shared/next-turn';
import { PagedSubscription, type AppendedBatch } from './paged-subscription';
import { SqliteWriteWatch } from '../shared/sqlite-write-watch';
import { openingStore } from '../shared/storage-fault';
import type { StorageFault } from '../shared/storage-fault';
import { configureConnection, createSchema, SQL, type EventRow, type StoredEventRef } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:' (private to this instance). */
  filename: string;
  /** How often an idle subscription looks for appends made by other processes. Default 200 ms. */
  pollIntervalMs?: number;
}

export const DEFAULT_PAGE_SIZE = 1000;
/** Events of one stream read between two turns of the event loop. */
const STREAM_PAGE_SIZE = 1000;
/** How many just-appended events a subscription keeps for its consumer before it falls back to reading them back. */
export const MAX_HANDED_OVER_EVENTS = 1000;
const DEFAULT_POLL_INTERVAL_MS = 200;

/** An event ready for the INSERT: data and metadata serialised once, outside the transaction. */
interface SerializedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** One append waiting for its group's commit. */
interface PendingAppend {
  streamId: string;
  events: readonly SerializedEvent[];
  expected: ExpectedRevision;
}

interface AppendOutcome {
  result: AppendResult;
  /** The rows this append inserted, exactly as stored (empty when it wrote nothing). */
  written: EventRow[];
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly appendListeners = new Set<(appended: AppendedBatch) => void>();
  private readonly openSubscriptions = new Set<Subscription>();
  private closed = false;

  private readonly insertEvent: Database.Statement<[string, number, string, string, string, string]>;
  private readonly lastOfStream: Database.Statement<[string], { revision: number; position: number }>;
  private readonly findByEventId: Database.Statement<[string], StoredEventRef>;
  private readonly eventIdsFromRevision: Database.Statement<
    [string, number, number],
    { event_id: string; revision: number; position: number }
  >;
  private readonly selectStream: Database.Statement<[string, number], EventRow>;
  private readonly selectAll: Database.Statement<[number, number], EventRow>;
  private readonly selectHead: Database.Statement<[], { head: number }>;
  private readonly countAfterStatement: Database.Statement<[number, number], { count: number }>;
  /**
   * One append. Run as BEGIN IMMEDIATE (the write lock is taken before the revision is read, so no
   * other process can slip in between), or as a savepoint inside a group's transaction.
   */
  private readonly appendTransaction: Database.Transaction<
    (streamId: string, events: readonly SerializedEvent[], expected: ExpectedRevision) => AppendOutcome
  >;
  /** Several appends in one BEGIN IMMEDIATE transaction, each in its own savepoint. */
  private readonly groupTransaction: Database.Transaction<(group: readonly PendingAppend[]) => Array<Settled<AppendOutcome>>>;
  private readonly appends: GroupCommit<PendingAppend, AppendResult>;
  /** Storage faults (disk full, read-only, I/O errors) become StorageUnavailableError, and are remembered for /health. */
  private readonly writes: SqliteWriteWatch;

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:' && options.filename !== '') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = openingStore('eventStore', options.filename, () => {
      const db = new Database(options.filename);
      try {
        configureConnection(db);
        createSchema(db);
        return db;
      } catch (error) {
        db.close();
        throw error;
      }
    });
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;

    this.insertEvent = this.db.prepare(SQL.insert);
    this.lastOfStream = this.db.prepare(SQL.lastOfStream);
    this.findByEventId = this.db.prepare(SQL.findByEventId);
    this.eventIdsFromRevision = this.db.prepare(SQL.eventIdsFromRevision);
    this.selectStream = this.db.prepare(SQL.readStream);
    this.selectAll = this.db.prepare(SQL.readAll);
    this.selectHead = this.db.prepare(SQL.headPosition);
    this.countAfterStatement = this.db.prepare(SQL.countAfter);
    this.appendTransaction = this.db.transaction((streamId, events, expected) => this.appendInTransaction(streamId, events, expected));
    this.groupTransaction = this.db.transaction((group) => group.map((append) => this.appendAlone(append)));
    this.appends = new GroupCommit((group) => this.commitGroup(group));
    this.writes = new SqliteWriteWatch(this.db, 'eventStore', options.filename);
  }

  /**
   * Reads page by page, with a turn of the event loop between pages: better-sqlite3 reads
   * synchronously, and one read of a 10,000-event stream held every other request for ≈ 40 ms. A
   * read of one page (a command's tail, nearly every read) never waits. Events appended meanwhile
   * may be included: the answer is the stream as it stood at some moment during the read.
   *
   * A page is the first STREAM_PAGE_SIZE rows the query yields, not a `LIMIT` (which cost ≈ 4 µs a
   * read, a tenth of the command path) nor a revision range (a tampered stream's gap could end a
   * page early and hide what follows it).
   */
  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    try {
      return await this.readStreamPages(streamId, options);
    } catch (error) {
      throw this.writes.damaged(error);
    }
  }

  private async readStreamPages(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    for (let from = firstRevisionToRead(options); ; ) {
      let page = 0;
      for (const row of this.selectStream.iterate(streamId, from)) {
        events.push(toRecordedEvent(row));
        if (++page === STREAM_PAGE_SIZE) break;
      }
      if (page < STREAM_PAGE_SIZE) return events;
      from = events[events.length - 1].revision + 1;
      await nextTurn();
      this.assertOpen();
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertValidExpectedRevision(expectedRevision);
    return this.appends.submit({ streamId, events: events.map(serialize), expected: expectedRevision });
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    // SQLite reads a negative LIMIT as "no limit": refuse it rather than return the whole log.
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InvalidEventStoreArgumentError(`readAll limit must be a positive integer, got ${limit}`, { limit });
    }
    return this.readPage(options.fromPosition, limit);
  }

  subscribeToAll(fromPosition: number): Subscription {
    this.assertOpen();
    const subscription: PagedSubscription = new PagedSubscription(
      {
        readPage: (after, limit) => this.readPage(after, limit),
        onAppended: (wake) => {
          this.appendListeners.add(wake);
          return () => this.appendListeners.delete(wake);
        },
      },
      fromPosition,
      {
        pageSize: DEFAULT_PAGE_SIZE,
        pollIntervalMs: this.pollIntervalMs,
        maxHandedOverEvents: MAX_HANDED_OVER_EVENTS,
        onClosed: () => this.openSubscriptions.delete(subscription),
      },
    );
    this.openSubscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.selectHead.get()?.head ?? 0;
  }

  /** Counted on the primary key, without reading a row's data. */
  async countAfter(position: number, atMost: number): Promise<number> {
    this.assertOpen();
    assertCountLimit(atMost);
    return this.countAfterStatement.get(position, atMost)?.count ?? 0;
  }

  /** A trivial read on the connection, for health checks. */
  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  storageFault(): StorageFault | null {
    return this.closed ? null : this.writes.currentFault();
  }

  /** Commits the appends already accepted, then ends every open subscription, so none of them reads from a closed connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appends.flush();
    await Promise.all([...this.openSubscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  /** A damaged file or row met here is a StoreDamagedError, remembered for /health. */
  private readPage(afterPosition: number, limit: number): RecordedEvent[] {
    try {
      return this.selectAll.all(afterPosition, limit).map(toRecordedEvent);
    } catch (error) {
      throw this.writes.damaged(error);
    }
  }

  /**
   * Commits a group (one transaction, however many appends), then hands what it wrote to this
   * process's subscriptions before any caller hears back.
   */
  private commitGroup(group: readonly PendingAppend[]): Array<Settled<AppendResult>> {
    let outcomes: Array<Settled<AppendOutcome>>;
    try {
      outcomes = group.length === 1 ? [this.appendAlone(group[0])] : this.groupTransaction.immediate(group);
    } catch (error) {
      // BEGIN or COMMIT itself failed (a full disk often shows only at COMMIT): nothing of the group was acknowledged.
      throw this.writes.failed(error);
    }
    if (outcomes.some((outcome) => outcome.ok)) this.writes.succeeded();
    if (this.appendListeners.size > 0) {
      const written = outcomes.flatMap((outcome) => (outcome.ok ? outcome.value.written : []));
      for (const appended of handOver(written)) for (const wake of [...this.appendListeners]) wake(appended);
    }
    return outcomes.map((outcome) => (outcome.ok ? { ok: true, value: outcome.value.result } : outcome));
  }

  /** One append in a transaction of its own, or in a savepoint when a group's transaction is open: a failure undoes this append only. */
  private appendAlone({ streamId, events, expected }: PendingAppend): Settled<AppendOutcome> {
    try {
      return { ok: true, value: this.appendTransaction.immediate(streamId, events, expected) };
    } catch (error) {
      return { ok: false, error: this.writes.failed(this.translateConstraintError(error, streamId, events, expected)) };
    }
  }

  private appendInTransaction(streamId: string, events: readonly SerializedEvent[], expected: ExpectedRevision): AppendOutcome {
    const last = this.lastOfStream.get(streamId);
    const currentRevision = last?.revision ?? null;

    const original = events.length > 0 ? this.findOriginalAppend(streamId, events, expected, currentRevision) : null;
    if (original) return { result: original, written: [] };

    const matches = expected === 'no_stream' ? currentRevision === null : expected === currentRevision;
    if (!matches) throw new ConcurrencyError(streamId, expected, currentRevision);

    if (events.length === 0) {
      return { result: { nextRevision: currentRevision ?? -1, position: last?.position ?? 0 }, written: [] };
    }

    let revision = currentRevision ?? -1;
    let position = 0;
    const written: EventRow[] = [];
    for (const event of events) {
      revision += 1;
      const info = this.insertEvent.run(streamId, revision, event.eventId, event.type, event.data, event.metadata);
      position = Number(info.lastInsertRowid);
      // Every column of the row is known here; the only one SQLite fills in is the position.
      written.push({ position, stream_id: streamId, revision, event_id: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
    }
    return { result: { nextRevision: revision, position }, written };
  }

  /**
   * The result of the earlier append this batch repeats, or null when its first id is new.
   * Throws when the ids are stored but as something other than this exact batch in this stream.
   */
  private findOriginalAppend(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    currentRevision: number | null,
  ): AppendResult | null {
    const first = this.findByEventId.get(events[0].eventId);
    if (!first) return null;
    const conflict = (eventId: string, storedIn: StoredEventRef | undefined) =>
      new EventIdConflictError(streamId, expected, currentRevision, eventId, storedIn ? { streamId: storedIn.stream_id, revision: storedIn.revision } : null);

    if (first.stream_id !== streamId) throw conflict(events[0].eventId, first);
    const stored = this.eventIdsFromRevision.all(streamId, first.revision, events.length);
    for (let i = 0; i < events.length; i += 1) {
      if (stored[i]?.event_id !== events[i].eventId) throw conflict(events[i].eventId, this.findByEventId.get(events[i].eventId));
    }
    const lastStored = stored[events.length - 1];
    return { nextRevision: lastStored.revision, position: lastStored.position };
  }

  /**
   * The transaction re-checks revisions under the write lock, so the UNIQUE constraints only fire
   * when the lock was bypassed somehow, or when a later id of the batch is stored elsewhere or is
   * repeated within the batch. Either way the caller gets our typed error, not a driver error.
   */
  private translateConstraintError(error: unknown, streamId: string, events: readonly SerializedEvent[], expected: ExpectedRevision): unknown {
    // Matched by name and code, not `instanceof`: the native addon keeps the SqliteError class (and
    // its realm's Error) of the first module instance that loaded it, so another instance (Jest's
    // per-file module registries and realms, or two copies of the package) would not recognise it.
    const sqliteError = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; code?: string; message?: string };
    const isUniqueViolation =
      sqliteError.name === 'SqliteError' && (sqliteError.code === 'SQLITE_CONSTRAINT_UNIQUE' || sqliteError.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
    if (!isUniqueViolation) return error;
    const currentRevision = this.lastOfStream.get(streamId)?.revision ?? null;
    if (sqliteError.message?.includes('events.event_id')) {
      const seen = new Set<string>();
      for (const event of events) {
        const stored = this.findByEventId.get(event.eventId);
        if (stored || seen.has(event.eventId)) {
          return new EventIdConflictError(streamId, expected, currentRevision, event.eventId, stored ? { streamId: stored.stream_id, revision: stored.revision } : null);
        }
        seen.add(event.eventId);
      }
    }
    return new ConcurrencyError(streamId, expected, currentRevision);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (expected !== 'no_stream' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidEventStoreArgumentError(`expectedRevision must be 'no_stream' or a revision >= 0, got ${String(expected)}`, {
      expectedRevision: expected,
    });
  }
}

function serialize(event: NewEvent): SerializedEvent {
  // JSON.stringify(undefined) is not JSON; the NOT NULL column would fail with a driver error instead.
  if (event.data === undefined) {
    throw new InvalidEventStoreArgumentError(`Event ${event.metadata.eventId} of type ${event.type} has no data`, { eventId: event.metadata.eventId });
  }
  return {
    eventId: event.metadata.eventId,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  };
}

/**
 * The committed rows for the waiting subscriptions, as runs of consecutive positions (a group's
 * appends follow one another, but a subscription must never be told a gap is a run). Each
 * subscription that takes a run parses its own copy with the same mapping a read uses, so what it
 * gets is exactly what a read would give and no two subscribers share (or could mutate) one object.
 */
function handOver(rows: readonly EventRow[]): AppendedBatch[] {
  const batches: AppendedBatch[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i += 1) {
    if (i < rows.length && rows[i].position === rows[i - 1].position + 1) continue;
    const run = rows.slice(start, i);
    batches.push({ firstPosition: run[0].position, lastPosition: run[run.length - 1].position, events: () => run.map(toRecordedEvent) });
    start = i;
  }
  return batches;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
  };
}
