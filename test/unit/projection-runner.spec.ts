/**
 * The projection runner against the real embedded stores (SQLite event store, SQLite read-model
 * store). The test projections are deliberately naive: they append every event's position to a
 * list without checking `lastPosition` themselves, so any event the runner applies twice or skips
 * shows up in the documents.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyProjection, ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { liveGenerations } from '../../src/projection-runner/generation-plan';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../src/projection-runner/projection-runner';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { newEvent, uniqueStreamId } from '../contract/event-store.contract';
import { InstrumentedEventStore } from '../support/instrumented-event-store';
import { handlingOnly } from '../support/projection-fixtures';

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
  name: 'test_tally_per_stream',
  version: 1,
  events: handlingOnly(HANDLED),
  fields: { streamId: { path: 'streamId', type: 'text' } },
  indexes: [{ name: 'stream', fields: ['streamId'], unique: true }],
  documentIds: (event) => [event.streamId],
  evolve: naiveEvolve,
};

/** One document for every event: it changes many times within a batch, so a stale read would lose positions. */
const everything: ProjectionDefinition<Tally> = {
  name: 'test_tally_all',
  version: 1,
  events: handlingOnly(HANDLED),
  fields: {},
  indexes: [],
  documentIds: () => ['all'],
  evolve: naiveEvolve,
};

const PROJECTIONS = [perStream, everything] as unknown as AnyProjection[];

const unitEvent = (type: (typeof HANDLED)[number] = 'UnitRegistered') => newEvent(type, { unitId: 'u', name: 'Ban Tuyên giáo' });
const unhandledEvent = () => newEvent('ResolutionRegistered', { resolutionId: 'r' });

describe('ProjectionRunner', () => {
  let dir: string;
  let sqlite: SqliteEventStore;
  let store: InstrumentedEventStore;
  let readStore: SqliteReadModelStore;
  let runners: ProjectionRunner[];
  let errors: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    sqlite = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
    store = new InstrumentedEventStore(sqlite);
    readStore = new SqliteReadModelStore({ filename: join(dir, 'read-models.db') });
    for (const projection of PROJECTIONS) await readStore.createIndexes(projection, await readStore.createGeneration(projection, 'serving'));
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
    const created = new ProjectionRunner(eventStore, readStore, async () => liveGenerations(PROJECTIONS, await readStore.generations()), {
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

  async function documents(projection: AnyProjection | ProjectionDefinition<Tally>): Promise<Tally[]> {
    const [generation] = (await readStore.generations()).filter((g) => g.readModel === projection.name);
    return (await readStore.documents(generation)) as Tally[];
  }

  /** The checkpoint both generations share (they are written together). */
  async function checkpoint(): Promise<number> {
    const positions = new Set((await readStore.generations()).map((g) => g.position));
    expect(positions.size).toBe(1);
    return [...positions][0];
  }

  /** Every handled event is in the documents exactly once, in order: no gap, no repeat. */
  async function expectEveryEventAppliedOnce(): Promise<void> {
    const handled = (await sqlite.readAll({ fromPosition: 0, limit: 100_000 })).filter((e) => (HANDLED as readonly string[]).includes(e.type));
    const expectedPerStream = new Map<string, number[]>();
    for (const event of handled) expectedPerStream.set(event.streamId, [...(expectedPerStream.get(event.streamId) ?? []), event.position]);

    const streams = await documents(perStream);
    expect(Object.fromEntries(streams.map((d) => [d._id, d.positions]))).toEqual(Object.fromEntries(expectedPerStream));
    expect((await documents(everything)).map((d) => d.positions)).toEqual([handled.map((e) => e.position)]);
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
    expect(await checkpoint()).toBe(live.position);
  });

  it('advances the checkpoint over events no projection handles', async () => {
    await sqlite.appendToStream(uniqueStreamId('resolution'), [unhandledEvent(), unhandledEvent()], 'no_stream');
    const head = await sqlite.headPosition();
    const projections = runner();

    projections.start();

    expect(await projections.waitForPosition(head, 10_000)).toBe(true);
    expect(await checkpoint()).toBe(head);
    expect(await documents(perStream)).toEqual([]);
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
    expect(await checkpoint()).toBe(0);
    await projections.stop();

    expect(await checkpoint()).toBe(head);
    expect(projections.position).toBe(head);
    await expectEveryEventAppliedOnce();
  });

  it('writes nothing of a batch whose commit fails, and applies every event exactly once when it retries', async () => {
    const head = await appendHistory(3, 3);
    const commit = readStore.commit.bind(readStore);
    let commits = 0;
    jest.spyOn(readStore, 'commit').mockImplementation(async (writes) => {
      if (++commits === 2) throw new Error('simulated disk error');
      return commit(writes);
    });
    const projections = runner();

    projections.start();

    expect(await projections.waitForPosition(head, 10_000)).toBe(true);
    expect(projections.lastError?.message).toBe('simulated disk error');
    // The first batch (3 events) was committed; the second failed whole and was replayed from there.
    expect(store.subscribedFrom).toEqual([0, 3]);
    await expectEveryEventAppliedOnce();
  });

  it('fails a catch-up pass whose commit fails, leaving the checkpoint where the last commit put it', async () => {
    const head = await appendHistory(3, 3);
    const commit = readStore.commit.bind(readStore);
    let commits = 0;
    const spy = jest.spyOn(readStore, 'commit').mockImplementation(async (writes) => {
      if (++commits === 2) throw new Error('simulated disk error');
      return commit(writes);
    });

    const crashing = runner();
    await expect(crashing.catchUp()).rejects.toThrow('simulated disk error');
    expect(crashing.state).toBe('failed');
    expect(await checkpoint()).toBe(3);
    expect((await documents(everything))[0].positions).toEqual([1, 2, 3]);

    spy.mockRestore();
    expect(await runner().catchUp()).toBe(head);
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
      expect(await checkpoint()).toBe(head);
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
