/**
 * Two app instances over HTTP sharing their stores, as they would behind a load balancer on
 * EventStoreDB and MongoDB: one SQLite event log (each its own connection, as each instance has
 * its own EventStoreDB client), one read-model store and one lease (standing in for MongoDB and
 * its `leases` document). Exactly one runs the projections; commands and read-your-writes work on
 * both; when the holder shuts down the other takes over. (The embedded mode itself allows one
 * process per data directory: test/reliability/data-dir-lock.spec.ts.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { ProjectionService } from '../../src/infrastructure/projection.service';
import { SingleProcessLease } from '../../src/projection-lease/single-process-lease';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import type { ReadModelStore } from '../../src/read-models/read-model-store.port';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
const REPORT = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 };
/** Short, so the takeover happens within the test: tries every ~333 ms. */
const ENV = { PROJECTION_LEASE_TTL_MS: '1000' };

/** The shared read-model store, except that one instance shutting down does not close it for the other. */
function sharedView<S extends ReadModelStore>(store: S): S {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'close') return async () => undefined;
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('two instances sharing the stores', () => {
  let dir: string;
  let first: TestApp | null;
  let second: TestApp | null;
  let readModels: SqliteReadModelStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-two-'));
    readModels = new SqliteReadModelStore({ filename: path.join(dir, 'read-models.db') });
    const projectionLease = new SingleProcessLease();
    const events = () => new SqliteEventStore({ filename: path.join(dir, 'events.db') });
    first = await startTestApp({ dataDir: dir, eventStore: events(), readModelStore: sharedView(readModels), projectionLease, env: ENV });
    second = await startTestApp({ dataDir: dir, eventStore: events(), readModelStore: sharedView(readModels), projectionLease, env: ENV, seed: false });
  });

  afterEach(async () => {
    await second?.close();
    await first?.close();
    await readModels.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const health = async (t: TestApp) => (await request(t.app.getHttpServer()).get('/health').expect(200)).body.details.projections;

  it('runs one projection runner; the standby takes commands and reads its own writes with minPosition', async () => {
    const [a, b] = [first!, second!];
    expect(a.app.get(ProjectionService).role).toBe('holder');
    expect(b.app.get(ProjectionService).role).toBe('standby');
    expect(b.app.get(ProjectionService).daemon.live.state).toBe('stopped');

    const written = await b.post('/indicators/ind-12/progress-reports', REPORT, REPORTER).expect(201);
    const read = await b.get(`/indicators/ind-12?minPosition=${written.body.position}`).expect(200);
    expect(read.body.targets.find((t: { metric: string }) => t.metric === REPORT.metric)).toMatchObject({ latestValue: 93, latestPeriod: '2021-Q1' });

    expect(await health(a)).toMatchObject({ role: 'holder', state: 'live' });
    expect(await health(b)).toMatchObject({ role: 'standby', state: 'stopped', lagEvents: 0, position: await b.eventStore.headPosition() });
  });

  it('hands the projections to the standby when the holder shuts down; writes keep becoming visible', async () => {
    const b = second!;
    await first!.close();
    first = null;

    const service = b.app.get(ProjectionService);
    for (let i = 0; i < 300 && service.role !== 'holder'; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.role).toBe('holder');

    const written = await b.post('/indicators/ind-12/progress-reports', { ...REPORT, period: '2021-01' }, REPORTER).expect(201);
    await b.get(`/indicators/ind-12?minPosition=${written.body.position}`).expect(200);
    expect(await health(b)).toMatchObject({ role: 'holder', position: written.body.position });
  });
});
