/** The SQLite adapter: the shared contract, then what only a file-backed store can show. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventIdConflictError, EventStoreClosedError } from '../../src/event-store/event-store.errors';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ConcurrencyError } from '../../src/shared/errors';
import { collectFromSubscription, describeEventStoreContract, newEvent, newEvents, uniqueStreamId } from './event-store.contract';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
}

const contractDir = tempDir();
describeEventStoreContract(
  'SqliteEventStore',
  async () => new SqliteEventStore({ filename: join(contractDir, 'events.db') }),
  () => rmSync(contractDir, { recursive: true, force: true }),
);

describe('SqliteEventStore on a file', () => {
  let dir: string;
  let filename: string;
  const opened: SqliteEventStore[] = [];
  const open = (pollIntervalMs?: number) => {
    const store = new SqliteEventStore({ filename, pollIntervalMs });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    filename = join(dir, 'nested', 'events.db');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its events across close and reopen, and numbers on from where it was', async () => {
    const streamId = uniqueStreamId();
    const first = open();
    const appended = await first.appendToStream(streamId, newEvents(2), 'no_stream');
    const before = await first.readStream(streamId);
    await first.close();

    const reopened = open();
    expect(await reopened.readStream(streamId)).toEqual(before);
    expect(await reopened.headPosition()).toBe(appended.position);
    const next = await reopened.appendToStream(streamId, [newEvent()], 1);
    expect(next).toEqual({ nextRevision: 2, position: appended.position + 1 });
  });

  it('lets a second instance on the same file see the first one’s appends through polling', async () => {
    const writer = open();
    const reader = open(10);
    const streamId = uniqueStreamId();
    await writer.appendToStream(streamId, [newEvent()], 'no_stream');
    const subscription = reader.subscribeToAll(0);

    const stored = await collectFromSubscription(subscription, [streamId], 1);
    // The reader has caught up and is idle: only its poll can notice the other instance's append.
    const live = collectFromSubscription(subscription, [streamId], 2);
    await writer.appendToStream(streamId, newEvents(2), 0);
    const { ours } = await live;
    await subscription.close();

    expect([...stored.ours, ...ours].map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('wakes its own idle subscriptions on append, without waiting for a poll', async () => {
    // A poll interval far beyond the test timeout: only the in-process notification can deliver.
    const store = open(10 * 60_000);
    const streamId = uniqueStreamId();
    const subscription = store.subscribeToAll(0);
    const arrival = collectFromSubscription(subscription, [streamId], 1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    await store.appendToStream(streamId, [newEvent()], 'no_stream');

    expect((await arrival).ours.map((e) => e.revision)).toEqual([0]);
    await subscription.close();
  });

  it('refuses a stale expected revision from a second instance on the same file', async () => {
    const a = open();
    const b = open();
    const streamId = uniqueStreamId();
    await a.appendToStream(streamId, [newEvent()], 'no_stream');
    await b.appendToStream(streamId, [newEvent()], 0);

    await expect(a.appendToStream(streamId, [newEvent()], 0)).rejects.toMatchObject({ currentRevision: 1 });
  });

  it('rolls the whole batch back when a later event of it cannot be stored', async () => {
    const store = open();
    const elsewhere = newEvent();
    await store.appendToStream(uniqueStreamId(), [elsewhere], 'no_stream');
    const streamId = uniqueStreamId();
    const headBefore = await store.headPosition();

    const attempt = store.appendToStream(streamId, [newEvent(), elsewhere], 'no_stream');

    await expect(attempt).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(streamId)).toEqual([]);
    expect(await store.headPosition()).toBe(headBefore);
  });

  it('refuses event ids that are stored in another stream, naming where', async () => {
    const store = open();
    const original = uniqueStreamId();
    const event = newEvent();
    await store.appendToStream(original, [event], 'no_stream');

    const error = await store.appendToStream(uniqueStreamId(), [event], 'no_stream').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EventIdConflictError);
    expect((error as EventIdConflictError).storedIn).toEqual({ streamId: original, revision: 0 });
  });

  it('refuses a batch that repeats an event id within itself', async () => {
    const store = open();
    const event = newEvent();
    await expect(store.appendToStream(uniqueStreamId(), [event, event], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
    expect(await store.headPosition()).toBe(0);
  });

  it('uses durable settings and leaves a file that passes the integrity check', async () => {
    const store = open();
    for (let i = 0; i < 5; i += 1) await store.appendToStream(uniqueStreamId(), newEvents(3), 'no_stream');
    await store.close();

    const db = new Database(filename, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 15 });
    } finally {
      db.close();
    }
  });

  it('applies synchronous=FULL and a busy timeout on its connection', async () => {
    const store = open();
    // Reads the settings through the connection the store configured (pragmas are per connection).
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('ends open subscriptions and refuses further use once closed', async () => {
    const store = open();
    const subscription = store.subscribeToAll(0);
    const loop = (async () => {
      for await (const event of subscription) void event;
      return 'ended';
    })();

    await store.close();

    await expect(loop).resolves.toBe('ended');
    await expect(store.readStream('x')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.appendToStream('x', [newEvent()], 'no_stream')).rejects.toBeInstanceOf(EventStoreClosedError);
  });

  it('refuses a non-positive page size instead of reading the whole log', async () => {
    const store = open();
    await expect(store.readAll({ fromPosition: 0, limit: 0 })).rejects.toMatchObject({ code: 'INVALID_EVENT_STORE_ARGUMENT' });
    await expect(store.readAll({ fromPosition: 0, limit: -1 })).rejects.toMatchObject({ code: 'INVALID_EVENT_STORE_ARGUMENT' });
  });
});

describe('SqliteEventStore hands its own appends to its subscriptions', () => {
  let dir: string;
  let filename: string;
  const opened: SqliteEventStore[] = [];
  // A poll far beyond the test timeout: only the in-process hand-over or a read after a wake-up can deliver.
  const open = (pollIntervalMs = 10 * 60_000) => {
    const store = new SqliteEventStore({ filename, pollIntervalMs });
    opened.push(store);
    return store;
  };
  const countReads = (store: SqliteEventStore) => jest.spyOn(store as unknown as { readPage: (after: number, limit: number) => unknown }, 'readPage');

  beforeEach(() => {
    dir = tempDir();
    filename = join(dir, 'events.db');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands over events equal in every field to the ones read back, without reading them', async () => {
    const store = open();
    const streamId = uniqueStreamId();
    const reads = countReads(store);
    const subscription = store.subscribeToAll(0);
    const idle = collectFromSubscription(subscription, [streamId], 2);

    // JSON turns a Date into a string and leaves out undefined: a handed-over event must do the same.
    const odd = { when: new Date('2026-01-02T03:04:05.006Z'), gone: undefined, nested: { list: [1, 'đ', null] }, big: 1e21 };
    await store.appendToStream(streamId, [newEvent('Odd', odd), newEvent('Plain', { n: 1 })], 'no_stream');
    const { ours } = await idle;

    // Only the catch-up read of the empty log, made before the append: the two events were not read back.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(ours).toStrictEqual(await store.readStream(streamId));
    expect(ours[0].data).toStrictEqual({ when: '2026-01-02T03:04:05.006Z', nested: { list: [1, 'đ', null] }, big: 1e21 });
    await subscription.close();
  });

  it('delivers everything in order to two subscriptions at different positions, each with its own objects', async () => {
    const store = open();
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, newEvents(3), 'no_stream');
    const behind = store.subscribeToAll(0);
    const caughtUp = store.subscribeToAll(await store.headPosition());
    const fromStart = collectFromSubscription(behind, [streamId], 6);
    const live = collectFromSubscription(caughtUp, [streamId], 3);

    await store.appendToStream(streamId, newEvents(2), 2);
    await store.appendToStream(streamId, [newEvent()], 4);
    const [all, latest] = await Promise.all([fromStart, live]);

    expect(all.ours.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(latest.ours.map((e) => e.revision)).toEqual([3, 4, 5]);
    expect(latest.ours).toStrictEqual(all.ours.slice(3));
    expect(latest.ours[0]).not.toBe(all.ours[3]);
    expect(latest.ours[0].data).not.toBe(all.ours[3].data);
    await Promise.all([behind.close(), caughtUp.close()]);
  });

  it('reads back an append that another instance on the same file slipped in between two of its own', async () => {
    const store = open();
    const other = open();
    const streamId = uniqueStreamId();
    const subscription = store.subscribeToAll(0);
    const live = collectFromSubscription(subscription, [streamId], 3);

    await store.appendToStream(streamId, [newEvent()], 'no_stream');
    await other.appendToStream(streamId, [newEvent()], 0);
    await store.appendToStream(streamId, [newEvent()], 1);
    const { ours } = await live;

    expect(ours).toStrictEqual(await store.readStream(streamId));
    await subscription.close();
  });
});
