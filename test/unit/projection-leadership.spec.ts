/**
 * Exactly one active projection runner: two "instances" (a runner and its leadership each) share
 * one SQLite event store, one read-model store and one lease, as app instances share EventStoreDB,
 * MongoDB and the MongoDB lease. The lease runs on a manual clock; the ticks that renew it or try
 * to take it over are called by the tests, so nothing depends on timing except where a test says so.
 * The projection is deliberately naive (it appends every position it is given), so an event
 * applied twice or skipped shows up in the document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyProjection, ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import type { ProjectionLease } from '../../src/projection-lease/projection-lease.port';
import { SingleProcessLease } from '../../src/projection-lease/single-process-lease';
import { ProjectionLeadership } from '../../src/projection-runner/projection-leadership';
import { liveGenerations } from '../../src/projection-runner/generation-plan';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../src/projection-runner/projection-runner';
import type { ReadModelStore } from '../../src/read-models/read-model-store.port';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { newEvent, uniqueStreamId } from '../contract/event-store.contract';
import { InstrumentedEventStore } from '../support/instrumented-event-store';
import { handlingOnly } from '../support/projection-fixtures';

interface Tally extends ProjectedDocument {
  positions: number[];
}

const tally: ProjectionDefinition<Tally> = {
  name: 'test_leadership_tally',
  version: 1,
  events: handlingOnly(['UnitRegistered']),
  fields: {},
  indexes: [],
  documentIds: () => ['all'],
  evolve: (current, event, id) => ({ _id: id, lastPosition: event.position, positions: [...(current?.positions ?? []), event.position] }),
};

const TTL = 60_000; // the ticks' own timers (every 20 s) never fire during a test

/** The shared read-model store as one instance sees it: every commit it makes is recorded. */
function instanceView(shared: ReadModelStore, commits: number[]): ReadModelStore {
  return new Proxy(shared, {
    get(target, property) {
      if (property === 'commit') {
        return async (writes: Parameters<ReadModelStore['commit']>[0]) => {
          commits.push(writes[0].position);
          await target.commit(writes);
        };
      }
      if (property === 'close') return async () => undefined;
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The tally's one document, in the shared store (null before the first commit). */
async function tallyOf(store: ReadModelStore): Promise<Tally | null> {
  const [generation] = await store.generations();
  const [document] = (await store.documents(generation)) as Tally[];
  return document ?? null;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

describe('ProjectionLeadership: one active runner among instances sharing a read store', () => {
  let dir: string;
  let sqlite: SqliteEventStore;
  let shared: SqliteReadModelStore;
  let now: number;
  let lease: SingleProcessLease;
  let leaderships: ProjectionLeadership[];
  let logs: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-leadership-'));
    sqlite = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
    shared = new SqliteReadModelStore({ filename: join(dir, 'read-models.db') });
    await shared.createGeneration(tally as unknown as AnyProjection, 'serving');
    now = 0;
    lease = new SingleProcessLease(() => now);
    leaderships = [];
    logs = [];
  });

  afterEach(async () => {
    for (const leadership of leaderships) await leadership.stop();
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function instance(holderId: string, options: { lease?: ProjectionLease; eventStore?: EventStore; runner?: ProjectionRunnerOptions; ttlMs?: number; realClock?: boolean } = {}) {
    const commits: number[] = [];
    const reads = instanceView(shared, commits);
    const logger = { log: (m: string) => logs.push(`${holderId}: ${m}`), error: (m: string) => logs.push(`${holderId}: ${m}`) };
    const targets = async () => liveGenerations([tally as unknown as AnyProjection], await reads.generations());
    const runner = new ProjectionRunner(options.eventStore ?? sqlite, reads, targets, { batchSize: 100, retry: { initialDelayMs: 5, maxDelayMs: 20 }, logger, ...options.runner });
    const leadership = new ProjectionLeadership(options.lease ?? lease, runner, reads, {
      holderId,
      ttlMs: options.ttlMs ?? TTL,
      checkpointPollMs: 10,
      logger,
      ...(options.realClock ? {} : { now: () => now }),
    });
    leaderships.push(leadership);
    return { leadership, runner, commits };
  }

  async function appendUnits(count: number): Promise<number> {
    let position = 0;
    for (let i = 0; i < count; i += 1) position = (await sqlite.appendToStream(uniqueStreamId('unit'), [newEvent('UnitRegistered', { unitId: 'u' })], 'no_stream')).position;
    return position;
  }

  /** Every event in the store, applied exactly once, in order: no gap, no repeat. */
  async function expectEveryEventAppliedOnce(): Promise<void> {
    const all = (await sqlite.readAll({ fromPosition: 0, limit: 10_000 })).map((event) => event.position);
    const document = await tallyOf(shared);
    expect(document?.positions).toEqual(all);
  }

  it('runs the projections on the holder only; the standby writes nothing and still reads its writes through the stored checkpoint', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.leadership.start();
    await b.leadership.start();
    expect([a.leadership.role, b.leadership.role]).toEqual(['holder', 'standby']);

    const position = await appendUnits(3);

    expect(await b.leadership.waitForPosition(position, 5000)).toBe(true);
    expect((await shared.generations())[0].position).toBeGreaterThanOrEqual(position);
    expect(b.leadership.position).toBeGreaterThanOrEqual(position);
    expect(b.commits).toEqual([]);
    expect(b.runner.state).toBe('stopped');
    expect(a.commits.length).toBeGreaterThan(0);
    await expectEveryEventAppliedOnce();
    // Nobody writes that far: the standby answers "not reached" when its time is up.
    expect(await b.leadership.waitForPosition(position + 100, 50)).toBe(false);
  });

  it('hands over on a clean shutdown: the holder releases, the standby takes over at its next try and goes on from the checkpoint', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.leadership.start();
    await b.leadership.start();
    expect(await a.leadership.waitForPosition(await appendUnits(2), 5000)).toBe(true);

    await a.leadership.stop();
    expect(a.leadership.role).toBe('stopped');
    await b.leadership.tick();
    expect(b.leadership.role).toBe('holder');

    expect(await b.leadership.waitForPosition(await appendUnits(2), 5000)).toBe(true);
    await expectEveryEventAppliedOnce();
    expect(b.commits.length).toBeGreaterThan(0);
  });

  it('takes over from a holder that stopped renewing only once its lease has run out', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.leadership.start();
    await b.leadership.start();

    now += TTL * 0.9;
    await b.leadership.tick();
    expect(b.leadership.role).toBe('standby');

    now += TTL * 0.2;
    await b.leadership.tick();
    expect(b.leadership.role).toBe('holder');
    // The old holder's next renewal is refused: it stops at once.
    await a.leadership.tick();
    expect(a.leadership.role).toBe('standby');
    expect(a.runner.state).toBe('stopped');

    expect(await a.leadership.waitForPosition(await appendUnits(3), 5000)).toBe(true);
    await expectEveryEventAppliedOnce();
  });

  it('keeps the lease while renewals succeed, past its first time to live', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.leadership.start();
    await b.leadership.start();
    for (let i = 0; i < 5; i += 1) {
      now += TTL / 3;
      await a.leadership.tick();
      await b.leadership.tick();
    }
    expect([a.leadership.role, b.leadership.role]).toEqual(['holder', 'standby']);
    expect(a.runner.state).not.toBe('stopped');
  });

  it('stops the runner at once when the lease is lost, without committing what it had buffered', async () => {
    const delivered: number[] = [];
    const watched = new InstrumentedEventStore(sqlite);
    watched.onDelivered = (event) => delivered.push(event.position);
    // A long idle commit keeps delivered events in the runner's buffer.
    const a = instance('a', { eventStore: watched, runner: { idleCommitMs: 60_000 } });
    const b = instance('b');
    await a.leadership.start();
    await b.leadership.start();

    const position = await appendUnits(3);
    await eventually(() => delivered.includes(position), 'the holder has the events in its buffer');
    expect(a.commits).toEqual([]);

    now += TTL + 1; // the renewal comes too late: the lease ran out
    await a.leadership.tick();

    expect(a.leadership.role).toBe('standby');
    expect(a.runner.state).toBe('stopped');
    expect(a.commits).toEqual([]);
    expect((await shared.generations())[0].position).toBe(0);
    expect(logs.join('\n')).toMatch(/a: Projection lease lost by 'a'/);

    // The new holder projects them, once each.
    await b.leadership.tick();
    expect(b.leadership.role).toBe('holder');
    expect(await b.leadership.waitForPosition(position, 5000)).toBe(true);
    await expectEveryEventAppliedOnce();
  });

  it('counts a lease request that fails as "not held": the holder stops its runner, and takes the lease back when the store answers again', async () => {
    let failing = false;
    const flaky: ProjectionLease = {
      kind: 'flaky',
      tryAcquire: (holder, ttl) => (failing ? Promise.reject(new Error('no primary')) : lease.tryAcquire(holder, ttl)),
      renew: (holder, ttl) => (failing ? Promise.reject(new Error('no primary')) : lease.renew(holder, ttl)),
      release: (holder) => lease.release(holder),
    };
    const a = instance('a', { lease: flaky });
    await a.leadership.start();
    failing = true;
    await a.leadership.tick();
    expect(a.leadership.role).toBe('standby');
    expect(a.runner.state).toBe('stopped');
    expect(logs.join('\n')).toMatch(/request by 'a' failed/);

    failing = false;
    await a.leadership.tick();
    expect(a.leadership.role).toBe('holder');
    expect(await a.leadership.waitForPosition(await appendUnits(1), 5000)).toBe(true);
    await expectEveryEventAppliedOnce();
  });

  it('stops the runner when the lease runs out even while a renewal hangs (after a stall, before the renewal answers)', async () => {
    let taken = false;
    const hanging: ProjectionLease = {
      kind: 'hanging',
      tryAcquire: async () => !taken && (taken = true),
      renew: () => new Promise<boolean>(() => undefined),
      release: async () => undefined,
    };
    const a = instance('a', { lease: hanging, ttlMs: 300, realClock: true });
    await a.leadership.start();
    expect(a.leadership.role).toBe('holder');

    // The process stalls past its lease: the renewal (due at 100 ms) and the lease's end (300 ms)
    // are both overdue when it wakes. The renewal it then sends never answers; the lease's own end
    // stops the runner, not the renewal's timeout (which would say "refused or failed").
    const until = performance.now() + 400;
    while (performance.now() < until) {
      // busy
    }
    await eventually(() => a.leadership.role === 'standby', 'the holder gave up');
    expect(logs.join('\n')).toMatch(/lost by 'a' \(it ran out before a renewal succeeded\)/);
    await eventually(() => a.runner.state === 'stopped', 'the runner stopped');
  });

  it('a standby brings nothing up at shutdown: catchUp answers the stored checkpoint and writes nothing', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.leadership.start();
    await b.leadership.start();
    const position = await appendUnits(1);
    expect(await b.leadership.waitForPosition(position, 5000)).toBe(true);
    expect(await b.leadership.catchUp()).toBe(position);
    expect(b.commits).toEqual([]);
  });

  describe('exclusive work under the lease (npm run projections:rebuild)', () => {
    it('is refused while an instance holds the lease: the work never runs and nothing is written', async () => {
      const a = instance('a');
      const rebuild = instance('rebuild');
      await a.leadership.start();
      await appendUnits(2);
      let ran = false;
      await expect(
        rebuild.leadership.exclusively(async () => {
          ran = true;
        }),
      ).rejects.toMatchObject({ code: 'PROJECTION_LEASE_HELD', message: expect.stringMatching(/stop the app instances/) });
      expect(ran).toBe(false);
      expect(rebuild.commits).toEqual([]);
      expect(rebuild.leadership.role).toBe('stopped');
      expect(a.leadership.role).toBe('holder');
    });

    it('keeps instances standing by while it runs, releases the lease at the end, and the next holder carries on from its checkpoint', async () => {
      await appendUnits(3);
      const rebuild = instance('rebuild');
      const a = instance('a');
      let standbyDuringWork: string | undefined;
      const position = await rebuild.leadership.exclusively(async (runner) => {
        const reached = await runner.catchUp();
        await a.leadership.start();
        standbyDuringWork = a.leadership.role;
        return reached;
      });
      expect(standbyDuringWork).toBe('standby');
      expect(rebuild.commits.at(-1)).toBe(position);
      expect(rebuild.leadership.role).toBe('stopped');
      expect(rebuild.runner.state).toBe('stopped');

      await a.leadership.tick();
      expect(a.leadership.role).toBe('holder');
      const latest = await appendUnits(2);
      expect(await a.leadership.waitForPosition(latest, 5000)).toBe(true);
      await expectEveryEventAppliedOnce();
      expect(a.commits.every((committed) => committed > position)).toBe(true);
    });

    it('fails with PROJECTION_LEASE_LOST when the lease is lost meanwhile: the runner is abandoned and the lease is not taken again', async () => {
      await appendUnits(2);
      const rebuild = instance('rebuild');
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const work = rebuild.leadership.exclusively(async (runner) => {
        runner.start();
        await runner.catchUp();
        await gate;
        return runner.position;
      });
      await eventually(() => rebuild.runner.state === 'live', 'the rebuild caught up');
      now += TTL; // the lease has run out: the renewal is refused
      await rebuild.leadership.tick();
      expect(rebuild.leadership.role).toBe('standby');
      await eventually(() => rebuild.runner.state === 'stopped', 'the runner was abandoned');
      await rebuild.leadership.tick(); // not taken again, although it is free
      expect(rebuild.leadership.role).toBe('standby');
      release();
      await expect(work).rejects.toMatchObject({ code: 'PROJECTION_LEASE_LOST' });
      expect(logs.join('\n')).toMatch(/lost by 'rebuild'/);

      const a = instance('a');
      await a.leadership.start();
      expect(a.leadership.role).toBe('holder');
    });
  });
});
