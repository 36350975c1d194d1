/**
 * The projection daemon with the real projections, its commits failing every few batches (a full
 * disk, an I/O error), restarted each time as a new daemon on the same read-model store:
 * afterwards nothing is missing or counted twice, and a full rebuild from zero equals both the
 * recovered and the live, incrementally built read models, document by document.
 * (A process killed outright is test/reliability/kill-during-catch-up.spec.ts.)
 */
import { ALL_PROJECTIONS } from '../../projections';
import { ProjectionService } from '../../src/infrastructure/projection.service';
import { READ_MODEL_STORE } from '../../src/infrastructure/tokens';
import { ProjectionDaemon } from '../../src/projection-runner/projection-daemon';
import { ReadModelAvailability } from '../../src/read-models/read-model-availability';
import type { ReadModelStore } from '../../src/read-models/read-model-store.port';
import { servingDocuments } from '../../src/read-models/serving-documents';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { runMixedWorkload } from '../support/mixed-workload';
import { startTestApp, type TestApp } from '../support/test-app';

class InjectedFailure extends Error {}

const quiet = { log: () => undefined, error: () => undefined };

function daemonOn(t: TestApp, store: ReadModelStore, options: { batchSize?: number } = {}): ProjectionDaemon {
  return new ProjectionDaemon(t.eventStore, store, ALL_PROJECTIONS, new ReadModelAvailability(), {
    logger: quiet,
    catchUpBatchSize: options.batchSize,
    batchSize: options.batchSize,
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
  });
}

/** Every document of every read model, by read model. */
async function snapshot(store: ReadModelStore): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(await servingDocuments(store, ALL_PROJECTIONS));
}

async function servedPositions(store: ReadModelStore): Promise<number[]> {
  return (await store.generations()).map((generation) => generation.position);
}

describe('projection faults and rebuilds (real projections)', () => {
  let t: TestApp;
  let head: number;

  beforeAll(async () => {
    t = await startTestApp();
    await runMixedWorkload(t.post);
    head = await t.eventStore.headPosition();
    await t.app.get(ProjectionService).daemon.waitForPosition(head, 5000);
  });

  afterAll(async () => {
    await t.close();
  });

  async function rebuiltFromZero(): Promise<Record<string, unknown[]>> {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    try {
      expect(await daemonOn(t, store).catchUp()).toBe(head);
      return await snapshot(store);
    } finally {
      await store.close();
    }
  }

  it('recovers from commits that fail every few batches, with nothing missing or double-counted', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const commit = store.commit.bind(store);
    let commits = 0;
    let failures = 0;
    jest.spyOn(store, 'commit').mockImplementation(async (writes) => {
      commits += 1;
      if (commits % 3 === 0) {
        failures += 1;
        throw new InjectedFailure(`failure #${failures}`);
      }
      return commit(writes);
    });
    for (let restart = 0; restart < 500; restart++) {
      // A new daemon each time: what a restarted process would have (only the read-model store survives).
      try {
        expect(await daemonOn(t, store, { batchSize: 7 }).catchUp()).toBe(head);
        break;
      } catch (error) {
        if (!(error instanceof InjectedFailure)) throw error;
        // Nothing of the failed batch was written; its events are replayed from the checkpoint next time.
        expect(Math.max(...(await servedPositions(store)))).toBeLessThan(head);
      }
    }
    expect(failures).toBeGreaterThan(3);
    expect(new Set(await servedPositions(store))).toEqual(new Set([head]));

    const recovered = await snapshot(store);
    expect(recovered).toEqual(await rebuiltFromZero());

    // Counted once: the read models agree with the events themselves.
    const events = await t.eventStore.readAll({ fromPosition: 0, limit: 100_000 });
    const reportsPerIndicator = new Map<string, number>();
    for (const e of events.filter((e) => e.type === 'ProgressReported')) reportsPerIndicator.set(e.streamId, (reportsPerIndicator.get(e.streamId) ?? 0) + 1);
    const indicators = recovered.indicators as Array<{ _id: string; counts: { reports: number } }>;
    for (const [streamId, reports] of reportsPerIndicator) {
      const document = indicators.find((indicator) => indicator._id === streamId.replace(/^indicator-/, ''));
      expect({ streamId, reports: document?.counts.reports }).toEqual({ streamId, reports });
    }
    expect(recovered.progress_reports).toHaveLength(events.filter((e) => e.type === 'ProgressReported').length);
    expect(recovered.indicator_history).toHaveLength(events.filter((e) => e.streamId.startsWith('indicator-')).length);
    await store.close();
  });

  it('a full rebuild equals the read models the running service built incrementally, every document of every read model', async () => {
    const live = await snapshot(t.app.get<ReadModelStore>(READ_MODEL_STORE));
    const rebuilt = await rebuiltFromZero();
    expect(Object.keys(live)).toHaveLength(ALL_PROJECTIONS.length);
    for (const name of Object.keys(live)) {
      expect(rebuilt[name].length).toBeGreaterThan(0);
      expect({ [name]: live[name] }).toEqual({ [name]: rebuilt[name] });
    }
  });

  it('recovers by itself when a commit fails while following live appends', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    const daemon = daemonOn(t, store);
    await daemon.catchUp();
    const commit = store.commit.bind(store);
    let failed = false;
    jest.spyOn(store, 'commit').mockImplementation(async (writes) => {
      if (!failed) {
        failed = true;
        throw new InjectedFailure('live failure');
      }
      return commit(writes);
    });
    daemon.start();
    try {
      const res = await t.post('/units', { id: 'to-chuc-moi', name: 'Tổ chức mới' }, 'demo-coordinator').expect(201);
      expect(await daemon.waitForPosition(res.body.position, 5000)).toBe(true);
      expect(failed).toBe(true);
      expect(daemon.live.lastError?.message).toBe('live failure');
      head = res.body.position;
      await t.app.get(ProjectionService).daemon.waitForPosition(head, 5000);
      expect(await snapshot(store)).toEqual(await rebuiltFromZero());
    } finally {
      await daemon.stop();
      await store.close();
    }
  });
});
