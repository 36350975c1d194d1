/**
 * The projection runner against the real embedded stores (SQLite file, in-memory read store).
 * The test projections are deliberately naive: they append every event's position to a list
 * without checking `lastPosition` themselves, so any event the runner applies twice or skips
 * shows up in the documents.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../src/projection-runner/projection-runner';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { DuplicateKeyError } from '../../src/read-store/read-store.errors';
import { newEvent, uniqueStreamId } from '../contract/event-store.contract';
import { InstrumentedEventStore } from '../support/instrumented-event-store';

interface Tally extends ProjectedDocument {
  streamId: string;
  positions: number[];
}

const HANDLED = ['UnitRegistered', 'UnitRenamed'] as const;

function naiveEvolve(current: Tally | null, event: { streamId: string; position: number }, id: string): Tally {
  return { _id: id, streamId: event.streamId, lastPosition: event.position, positions: [...(current?.positions ?? []), event.position] };
}

/** One document per stream. */
const perStream: ProjectionDefinition<Tally> = {
  collection: 'test_tally_per_stream',
  handles: HANDLED,
  indexes: [{ key: { streamId: 1 }, name: 'streamId_unique', unique: true }],
  documentIds: (event) => [event.streamId],
  evolve: naiveEvolve,
};

/** One document for every event: it changes many times within a batch, so a stale read would lose positions. */
const everything: ProjectionDefinition<Tally> = {
  collection: 'test_tally_all',
  handles: HANDLED,
  indexes: [],
  documentIds: () => ['all'],
  evolve: naiveEvolve,
};

const unitEvent = (type: (typeof HANDLED)[number] = 'UnitRegistered') => newEvent(type, { unitId: 'u', name: 'Ban Tuyên giáo' });
const unhandledEvent = () => newEvent('ResolutionRegistered', { resolutionId: 'r' });

describe('ProjectionRunner', () => {
  let dir: string;
  let sqlite: SqliteEventStore;
  let store: InstrumentedEventStore;
  let readStore: InMemoryReadStore;
  let runners: ProjectionRunner[];
  let errors: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    sqlite = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
    store = new InstrumentedEventStore(sqlite);
    readStore = new InMemoryReadStore();
    runners = [];
    errors = [];
  });

  afterEach(async () => {
    for (const runner of runners) await runner.stop();
    await sqlite.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function runner(options: ProjectionRunnerOptions = {}, eventStore: EventStore = store): ProjectionRunner {
    const created = new ProjectionRunner(eventStore, readStore, [perStream, everything], {
      batchSize: 3,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: { log: () => undefined, error: (message) => errors.push(message) },
      ...options,
    });
    runners.push(created);
    return created;
  }

  /** Appends `count` handled events to each of `streams` new streams, plus one unhandled event per stream. */
  async function appendHistory(streams: number, count: number): Promise<number> {
    for (let s = 0; s < streams; s += 1) {
      const streamId = uniqueStreamId('unit');
      await sqlite.appendToStream(streamId, [unitEvent()], 'no_stream');
      for (let i = 1; i < count; i += 1) await sqlite.appendToStream(streamId, [unitEvent('UnitRenamed')], i - 1);
      await sqlite.appendToStream(uniqueStreamId('resolution'), [unhandledEvent()], 'no_stream');
    }
    return sqlite.headPosition();
  }

  async function documents(collection: string): Promise<Tally[]> {
    return readStore.collection<Tally>(collection).find({}, { sort: { _id: 1 } });
  }

  /** Every handled event is in the documents exactly once, in order: no gap, no repeat. */
  async function expectEveryEventAppliedOnce(): Promise<void> {
    const handled = (await sqlite.readAll({ fromPosition: 0, limit: 100_000 })).filter((e) => (HANDLED as readonly string[]).includes(e.type));
    const expectedPerStream = new Map<string, number[]>();
    for (const event of handled) expectedPerStream.set(event.streamId, [...(expectedPerStream.get(event.streamId) ?? []), event.position]);

    const streams = await documents(perStream.collection);
    expect(Object.fromEntries(streams.map((d) => [d._id, d.positions]))).toEqual(Object.fromEntries(expectedPerStream));
    expect((await documents(everything.collection)).map((d) => d.positions)).toEqual([handled.map((e) => e.position)]);
  }

  it('catches up on stored events, then follows live appends', async () => {
    const head = await appendHistory(3, 4);
    const projections = runner();

    projections.start();
    expect(await projections.waitForPosition(head, 10_000)).toBe(true);
    expect(projections.state).toBe('live');
    await expectEveryEventAppliedOnce();

    const live = await sqlite.appendToStream(uniqueStreamId('unit'), [unitEvent()], 'no_stream');
    expect(await projections.waitForPosition(live.position, 10_000)).toBe(true);
    await expectEveryEventAppliedOnce();
    expect(await readStore.loadCheckpoint('read-models')).toBe(live.position);
  });

  it('advances the checkpoint over events no projection handles', async () => {
    await sqlite.appendToStream(uniqueStreamId('resolution'), [unhandledEvent(), unhandledEvent()], 'no_stream');
    const head = await sqlite.headPosition();
    const projections = runner();

    projections.start();

    expect(await projections.waitForPosition(head, 10_000)).toBe(true);
    expect(await readStore.loadCheckpoint('read-models')).toBe(head);
    expect(await documents(perStream.collection)).toEqual([]);
  });

  it('creates every projection’s indexes when it starts', async () => {
    const projections = runner();
    projections.start();
    expect(await projections.waitForPosition(0, 1000)).toBe(true);
    await projections.stop();

    const twins = [
      { _id: 'a', streamId: 's', lastPosition: 1, positions: [1] },
      { _id: 'b', streamId: 's', lastPosition: 2, positions: [2] },
    ];
    await expect(readStore.collection<Tally>(perStream.collection).replaceMany(twins)).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('resumes after stop from its checkpoint, missing nothing and applying nothing twice', async () => {
    const first = runner();
    first.start();
    expect(await first.waitForPosition(await appendHistory(2, 3), 10_000)).toBe(true);
    await first.stop();
    expect(first.state).toBe('stopped');

    const head = await appendHistory(2, 3);
    const second = runner();
    second.start();

    expect(await second.waitForPosition(head, 10_000)).toBe(true);
    await expectEveryEventAppliedOnce();
    expect(store.subscribedFrom[1]).toBe(first.position);
  });

  it('commits what it has buffered when stopped', async () => {
    const head = await appendHistory(2, 3);
    // Neither a full batch nor an idle pause will commit: only stop() can.
    const projections = runner({ batchSize: 1000, idleCommitMs: 10 * 60_000 });
    const lastDelivered = new Promise<void>((resolve) => {
      store.onDelivered = (event) => event.position === head && resolve();
    });

    projections.start();
    await lastDelivered;
    expect(await readStore.loadCheckpoint('read-models')).toBe(0);
    await projections.stop();

    expect(await readStore.loadCheckpoint('read-models')).toBe(head);
    expect(projections.position).toBe(head);
    await expectEveryEventAppliedOnce();
  });

  it('applies every event exactly once after a crash between writing documents and the checkpoint', async () => {
    const head = await appendHistory(3, 3);
    const crashing = runner({
      faults: {
        afterWriteBeforeCheckpoint: () => {
          throw new Error('simulated crash');
        },
      },
    });

    await expect(crashing.catchUp()).rejects.toThrow('simulated crash');
    // The crash left documents written ahead of a checkpoint that was never stored.
    expect(await readStore.loadCheckpoint('read-models')).toBe(0);
    expect((await documents(everything.collection))[0].positions.length).toBeGreaterThan(0);
    expect(crashing.state).toBe('failed');

    const restarted = runner();
    expect(await restarted.catchUp()).toBe(head);
    await expectEveryEventAppliedOnce();
  });

  it('recovers by itself from a crash between writing documents and the checkpoint while live', async () => {
    const head = await appendHistory(3, 3);
    let crashes = 0;
    const projections = runner({
      faults: {
        afterWriteBeforeCheckpoint: () => {
          if (crashes++ === 1) throw new Error('simulated crash');
        },
      },
    });

    projections.start();

    expect(await projections.waitForPosition(head, 10_000)).toBe(true);
    expect(crashes).toBeGreaterThan(2);
    expect(projections.lastError?.message).toBe('simulated crash');
    expect(store.subscribedFrom).toEqual([0, 3]);
    await expectEveryEventAppliedOnce();
  });

  it('resubscribes from the checkpoint when the subscription fails midway, with no gap and no repeat', async () => {
    const head = await appendHistory(2, 4);
    store.failNextSubscriptionAfter(5);
    const projections = runner({ batchSize: 2 });

    projections.start();

    expect(await projections.waitForPosition(head, 10_000)).toBe(true);
    // Positions 1–4 were committed in two batches; the fifth was buffered when the feed broke.
    expect(store.subscribedFrom).toEqual([0, 4]);
    expect(projections.lastError?.message).toContain('subscription failed after 5 events');
    expect(errors.some((message) => message.includes('resubscribing from the checkpoint'))).toBe(true);
    expect(projections.state).toBe('live');
    await expectEveryEventAppliedOnce();
  });

  it('rebuilds from zero into the same documents it built incrementally, then goes on live', async () => {
    const projections = runner();
    projections.start();
    for (let round = 0; round < 3; round += 1) {
      expect(await projections.waitForPosition(await appendHistory(2, 2), 10_000)).toBe(true);
    }
    const incremental = { streams: await documents(perStream.collection), all: await documents(everything.collection) };
    // Damage the read models: a rebuild that did not start from an empty store would keep this.
    await readStore.collection<Tally>(everything.collection).replaceMany([
      { _id: 'all', streamId: 'x', lastPosition: 1e9, positions: [] },
      { _id: 'stray', streamId: 'y', lastPosition: 1, positions: [1] },
    ]);

    const reached = await projections.rebuild();

    expect(reached).toBe(await sqlite.headPosition());
    expect({ streams: await documents(perStream.collection), all: await documents(everything.collection) }).toEqual(incremental);
    const live = await sqlite.appendToStream(uniqueStreamId('unit'), [unitEvent()], 'no_stream');
    expect(await projections.waitForPosition(live.position, 10_000)).toBe(true);
    await expectEveryEventAppliedOnce();
  });

  describe('when its live subscription drops', () => {
    it('resumes from its checkpoint once the feed is back, with no gap and no duplicate, counting the drop', async () => {
      const projections = runner({ retry: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 } });
      projections.start();
      const before = await appendHistory(2, 3);
      expect(await projections.waitForPosition(before, 10_000)).toBe(true);
      expect(projections.state).toBe('live');

      // The live, idle subscription breaks; events keep arriving while the runner waits to retry.
      expect(store.dropOpenSubscriptions()).toBe(1);
      const head = await appendHistory(2, 3);

      expect(await projections.waitForPosition(head, 10_000)).toBe(true);
      expect(store.subscribedFrom).toEqual([0, before]);
      expect(projections.state).toBe('live');
      expect({ drops: projections.drops, resubscriptions: projections.resubscriptions, retries: projections.retries }).toEqual({ drops: 1, resubscriptions: 1, retries: 0 });
      expect(projections.lastError?.message).toBe('connection to the event store lost');
      expect(errors.filter((message) => message.includes('drop 1, retry 1'))).toHaveLength(1);
      await expectEveryEventAppliedOnce();
    });

    it('also resumes when the feed simply ends, as a server closing the stream would make it', async () => {
      const projections = runner({ retry: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 } });
      projections.start();
      const before = await appendHistory(1, 2);
      expect(await projections.waitForPosition(before, 10_000)).toBe(true);

      expect(await store.endOpenSubscriptions()).toBe(1);
      const head = await appendHistory(1, 2);

      expect(await projections.waitForPosition(head, 10_000)).toBe(true);
      expect(store.subscribedFrom).toEqual([0, before]);
      expect(projections.drops).toBe(1);
      expect(projections.lastError?.message).toContain('ended unexpectedly');
      await expectEveryEventAppliedOnce();
    });

    it('backs off exponentially up to its ceiling while the store stays down, and starts over after a success', async () => {
      let failuresLeft = 5;
      const down: EventStore = {
        readStream: (id) => store.readStream(id),
        appendToStream: (id, events, expected) => store.appendToStream(id, events, expected),
        readAll: (options) => store.readAll(options),
        headPosition: () => store.headPosition(),
        countAfter: (position, atMost) => store.countAfter(position, atMost),
        close: async () => undefined,
        subscribeToAll: (from) => {
          if (failuresLeft === 0) return store.subscribeToAll(from);
          failuresLeft -= 1;
          return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('event store unreachable')) }), close: async () => undefined };
        },
      };
      const head = await appendHistory(1, 2);
      const projections = runner({ retry: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 } }, down);

      projections.start();

      expect(await projections.waitForPosition(head, 10_000)).toBe(true);
      const delays = errors.map((message) => Number(/in (\d+) ms$/.exec(message)?.[1]));
      expect(delays).toEqual([5, 10, 20, 20, 20]);
      expect({ drops: projections.drops, resubscriptions: projections.resubscriptions, retries: projections.retries }).toEqual({ drops: 5, resubscriptions: 5, retries: 0 });
      await expectEveryEventAppliedOnce();
    });
  });

  describe('catchUp', () => {
    it('when stopped, processes everything stored in batches, resolves with the head and stays stopped', async () => {
      const head = await appendHistory(2, 3);
      const commit = jest.spyOn(readStore, 'commit');
      const projections = runner({ batchSize: 3 });

      expect(await projections.catchUp()).toBe(head);

      expect(projections.state).toBe('stopped');
      expect(commit).toHaveBeenCalledTimes(Math.ceil(head / 3));
      expect(store.subscribedFrom).toEqual([]);
      await expectEveryEventAppliedOnce();
    });

    it('when started, waits until the loop has reached the head', async () => {
      const projections = runner();
      projections.start();
      const head = await appendHistory(3, 3);

      expect(await projections.catchUp()).toBeGreaterThanOrEqual(head);
      await expectEveryEventAppliedOnce();
    });
  });

  describe('waitForPosition', () => {
    it('resolves true at once for a position already committed', async () => {
      const head = await appendHistory(1, 2);
      const projections = runner();
      await projections.catchUp();

      expect(await projections.waitForPosition(head, 0)).toBe(true);
    });

    it('resolves true when a later append has been projected', async () => {
      const projections = runner();
      projections.start();
      const waiting = projections.waitForPosition(1, 10_000);

      await sqlite.appendToStream(uniqueStreamId('unit'), [unitEvent()], 'no_stream');

      expect(await waiting).toBe(true);
      expect(projections.position).toBe(1);
    });

    it('resolves false when the position is not reached in time, or the runner stops', async () => {
      const projections = runner();
      projections.start();
      const head = await appendHistory(1, 2);

      expect(await projections.waitForPosition(head + 1, 30)).toBe(false);
      const pending = projections.waitForPosition(head + 1, 60_000);
      await projections.stop();
      expect(await pending).toBe(false);
    });
  });
});
