/**
 * The projection runner with the real projections, crashed between writing read models and
 * storing its checkpoint (the test-only fault hook), restarted each time as a new runner on the
 * same read store: afterwards nothing is missing or counted twice, and a full rebuild from zero
 * equals both the crash-recovered and the live, incrementally built read models, document by
 * document, collection by collection.
 */
import { ALL_PROJECTIONS } from '../../projections';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { READ_STORE } from '../../src/infrastructure/tokens';
import { ProjectionService } from '../../src/infrastructure/projection.service';
import { runMixedWorkload } from '../support/mixed-workload';
import { startTestApp, type TestApp } from '../support/test-app';

class InjectedCrash extends Error {}

const COLLECTIONS = [...new Set(ALL_PROJECTIONS.map((p) => p.collection))];
const quiet = { log: () => undefined, error: () => undefined };

async function snapshot(store: ReadStore): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) all[name] = await store.collection(name).find({}, { sort: { _id: 1 } });
  return all;
}

describe('projection faults and rebuilds (real projections)', () => {
  let t: TestApp;
  let head: number;

  beforeAll(async () => {
    t = await startTestApp();
    await runMixedWorkload(t.post);
    head = await t.eventStore.headPosition();
    await t.app.get(ProjectionService).runner.waitForPosition(head, 5000);
  });

  afterAll(async () => {
    await t.close();
  });

  async function rebuiltFromZero(): Promise<InMemoryReadStore> {
    const store = new InMemoryReadStore();
    expect(await new ProjectionRunner(t.eventStore, store, ALL_PROJECTIONS, { logger: quiet }).catchUp()).toBe(head);
    return store;
  }

  it('recovers from a crash between read-model write and checkpoint at every few commits, with nothing missing or double-counted', async () => {
    const store = new InMemoryReadStore();
    let commits = 0;
    let crashes = 0;
    for (let restart = 0; restart < 500; restart++) {
      // A new runner each time: what a restarted process would have (only the read store survives).
      const runner = new ProjectionRunner(t.eventStore, store, ALL_PROJECTIONS, {
        batchSize: 7,
        logger: quiet,
        faults: {
          afterWriteBeforeCheckpoint: () => {
            commits += 1;
            if (commits % 3 === 0) {
              crashes += 1;
              throw new InjectedCrash(`crash #${crashes}`);
            }
          },
        },
      });
      try {
        expect(await runner.catchUp()).toBe(head);
        break;
      } catch (error) {
        if (!(error instanceof InjectedCrash)) throw error;
        // The documents of the crashed batch are stored, its checkpoint is not: replayed next time.
        expect(await store.loadCheckpoint('read-models')).toBeLessThan(head);
      }
    }
    expect(crashes).toBeGreaterThan(3);
    expect(await store.loadCheckpoint('read-models')).toBe(head);

    const recovered = await snapshot(store);
    const rebuilt = await snapshot(await rebuiltFromZero());
    for (const name of COLLECTIONS) expect({ [name]: recovered[name] }).toEqual({ [name]: rebuilt[name] });

    // Counted once: the read models agree with the events themselves.
    const events = await t.eventStore.readAll({ fromPosition: 0, limit: 100_000 });
    const reportsPerIndicator = new Map<string, number>();
    for (const e of events.filter((e) => e.type === 'ProgressReported')) reportsPerIndicator.set(e.streamId, (reportsPerIndicator.get(e.streamId) ?? 0) + 1);
    for (const [streamId, reports] of reportsPerIndicator) {
      const document = await store.collection<{ _id: string; counts: { reports: number } }>('indicators').findOne({ _id: streamId.replace(/^indicator-/, '') });
      expect({ streamId, reports: document?.counts.reports }).toEqual({ streamId, reports });
    }
    expect(await store.collection('progress_reports').countDocuments({})).toBe(events.filter((e) => e.type === 'ProgressReported').length);
    expect(await store.collection('indicator_history').countDocuments({})).toBe(events.filter((e) => e.streamId.startsWith('indicator-')).length);
  });

  it('a full rebuild equals the read models the running service built incrementally, every document of every collection', async () => {
    const live = await snapshot(t.app.get<ReadStore>(READ_STORE));
    const rebuilt = await snapshot(await rebuiltFromZero());
    expect(COLLECTIONS.length).toBeGreaterThanOrEqual(4);
    for (const name of COLLECTIONS) {
      expect(rebuilt[name].length).toBeGreaterThan(0);
      expect({ [name]: live[name] }).toEqual({ [name]: rebuilt[name] });
    }
  });

  it('recovers by itself when the crash happens while following live appends', async () => {
    const store = new InMemoryReadStore();
    let crashed = false;
    const runner = new ProjectionRunner(t.eventStore, store, ALL_PROJECTIONS, {
      logger: quiet,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      faults: {
        afterWriteBeforeCheckpoint: () => {
          if (!crashed && runner.state === 'live') {
            crashed = true;
            throw new InjectedCrash('live crash');
          }
        },
      },
    });
    await runner.catchUp();
    runner.start();
    try {
      const res = await t.post('/units', { id: 'to-chuc-moi', name: 'Tổ chức mới' }, 'demo-coordinator').expect(201);
      expect(await runner.waitForPosition(res.body.position, 5000)).toBe(true);
      expect(crashed).toBe(true);
      head = res.body.position;
      await t.app.get(ProjectionService).runner.waitForPosition(head, 5000);
      const rebuilt = await snapshot(await rebuiltFromZero());
      const recovered = await snapshot(store);
      for (const name of COLLECTIONS) expect({ [name]: recovered[name] }).toEqual({ [name]: rebuilt[name] });
    } finally {
      await runner.stop();
    }
  });
});
