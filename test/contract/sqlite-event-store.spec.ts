/** The SQLite adapter: the shared contract, then what only a file-backed store can show. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventIdConflictError, EventStoreClosedError } from '../../src/event-store/event-store.errors';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ConcurrencyError } from '../../src/shared/errors';
import { collectFromSubscription, describeEventStoreContract, newEvent, newEvents, uniqueStreamId } from './event-store.contract';
import { turnsWhile } from '../support/event-loop-turns';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
}

/** Spies on the store's reads of the log, so a test can tell handed-over events from read ones. */
function countReads(store: SqliteEventStore) {
  return jest.spyOn(store as unknown as { readPage: (after: number, limit: number) => unknown }, 'readPage');
}

/**
 * A fresh directory for each test, and `open` for stores on `relativePath` in it (a poll interval
 * of `defaultPollMs` unless told otherwise); after each test, every store opened is closed and the
 * directory removed.
 */
function storesInFreshDir(relativePath: string, defaultPollMs?: number) {
  let dir = '';
  const opened: SqliteEventStore[] = [];
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    filename: () => join(dir, relativePath),
    open: (pollIntervalMs = defaultPollMs) => {
      const store = new SqliteEventStore({ filename: join(dir, relativePath), pollIntervalMs });
      opened.push(store);
      return store;
    },
  };
}

const contractDir = tempDir();
describeEventStoreContract(
  'SqliteEventStore',
  async () => new SqliteEventStore({ filename: join(contractDir, 'events.db') }),
  () => rmSync(contractDir, { recursive: true, force: true }),
);

describe('SqliteEventStore on a file', () => {
  const { open, filename } = storesInFreshDir(join('nested', 'events.db'));

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

    const db = new Database(filename(), { readonly: true });
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

  it('lets the event loop turn between the pages of a long stream it reads', async () => {
    const store = open();
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, newEvents(2500), 'no_stream');
    const { turns, result: read } = await turnsWhile(() => store.readStream(streamId));
    expect(read).toHaveLength(2500);
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it('refuses a non-positive page size instead of reading the whole log', async () => {
    const store = open();
    await expect(store.readAll({ fromPosition: 0, limit: 0 })).rejects.toMatchObject({ code: 'INVALID_EVENT_STORE_ARGUMENT' });
    await expect(store.readAll({ fromPosition: 0, limit: -1 })).rejects.toMatchObject({ code: 'INVALID_EVENT_STORE_ARGUMENT' });
  });
});

describe('SqliteEventStore hands its own appends to its subscriptions', () => {
  // A poll far beyond the test timeout: only the in-process hand-over or a read after a wake-up can deliver.
  const { open } = storesInFreshDir('events.db', 10 * 60_000);

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

describe('SqliteEventStore commits appends requested together in one transaction', () => {
  const { open } = storesInFreshDir('events.db', 10 * 60_000);
  /** The groups the store committed, as the number of appends in each. */
  const countGroups = (store: SqliteEventStore) => {
    const sizes: number[] = [];
    const target = store as unknown as { commitGroup: (group: readonly unknown[]) => unknown };
    const commitGroup = target.commitGroup.bind(store);
    jest.spyOn(target, 'commitGroup').mockImplementation((group) => {
      sizes.push(group.length);
      return commitGroup(group);
    });
    return sizes;
  };

  it('gives each append of a group its own outcome: a stale revision or a reused id fails alone, the rest is stored', async () => {
    const store = open();
    const existing = uniqueStreamId();
    const reused = newEvent();
    await store.appendToStream(existing, [reused], 'no_stream');
    const head = await store.headPosition();
    const groups = countGroups(store);
    const [a, b] = [uniqueStreamId(), uniqueStreamId()];

    const outcomes = await Promise.allSettled([
      store.appendToStream(a, newEvents(2), 'no_stream'),
      store.appendToStream(existing, [newEvent()], 'no_stream'),
      store.appendToStream(uniqueStreamId(), [newEvent(), reused], 'no_stream'),
      store.appendToStream(b, [newEvent()], 'no_stream'),
    ]);

    expect(groups).toEqual([4]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { nextRevision: 1, position: head + 2 } });
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((outcomes[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(EventIdConflictError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
    expect(outcomes[3]).toEqual({ status: 'fulfilled', value: { nextRevision: 0, position: head + 3 } });
    expect((await store.readStream(a)).map((event) => event.position)).toEqual([head + 1, head + 2]);
    expect(await store.readStream(existing)).toHaveLength(1);
    expect(await store.headPosition()).toBe(head + 3);
  });

  it('applies appends to one stream in the order requested, as one after another would', async () => {
    const store = open();
    const streamId = uniqueStreamId();
    const groups = countGroups(store);

    const outcomes = await Promise.allSettled([
      store.appendToStream(streamId, [newEvent()], 'no_stream'),
      store.appendToStream(streamId, [newEvent()], 0),
      store.appendToStream(streamId, [newEvent()], 0),
    ]);

    expect(groups).toEqual([3]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(streamId)).map((event) => event.revision)).toEqual([0, 1]);
  });

  it('answers a retried append in the same group with the original result', async () => {
    const store = open();
    const streamId = uniqueStreamId();
    const events = newEvents(2);

    const [first, retry] = await Promise.all([store.appendToStream(streamId, events, 'no_stream'), store.appendToStream(streamId, events, 'no_stream')]);

    expect(retry).toEqual(first);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('hands a group’s events to its subscriptions in order without reading them back', async () => {
    const store = open();
    const streams = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
    const reads = countReads(store);
    const subscription = store.subscribeToAll(0);
    const live = collectFromSubscription(subscription, streams, 4);
    await new Promise((resolve) => setImmediate(resolve));

    await Promise.all([
      store.appendToStream(streams[0], newEvents(2), 'no_stream'),
      store.appendToStream(streams[1], [newEvent()], 'no_stream'),
      store.appendToStream(streams[2], [newEvent()], 'no_stream'),
    ]);
    const { ours } = await live;

    expect(ours.map((event) => event.position)).toEqual([1, 2, 3, 4]);
    expect(ours.map((event) => event.streamId)).toEqual([streams[0], streams[0], streams[1], streams[2]]);
    expect(reads).toHaveBeenCalledTimes(1);
    await subscription.close();
  });

  it('commits the appends it accepted before close() returns, and refuses later ones', async () => {
    const store = open();
    const streamId = uniqueStreamId();

    const accepted = [store.appendToStream(streamId, [newEvent()], 'no_stream'), store.appendToStream(uniqueStreamId(), [newEvent()], 'no_stream')];
    await store.close();

    await expect(Promise.all(accepted)).resolves.toEqual([
      { nextRevision: 0, position: 1 },
      { nextRevision: 0, position: 2 },
    ]);
    await expect(store.appendToStream(streamId, [newEvent()], 0)).rejects.toBeInstanceOf(EventStoreClosedError);
    const reopened = open();
    expect(await reopened.readStream(streamId)).toHaveLength(1);
  });
});
