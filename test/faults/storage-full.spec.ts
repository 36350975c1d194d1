/**
 * Fault: a store runs out of space (or its storage turns read-only). SQLite's `max_page_count` makes a database as full as a full
 * disk would (the same SQLITE_FULL), without root. Writes answer 503 STORAGE_UNAVAILABLE with
 * Retry-After, /health answers 503 naming the store and the cause, the log names the cause, and
 * once space returns the service recovers by itself; every acknowledged write is there.
 */
import type Database from 'better-sqlite3';
import request from 'supertest';
import { READ_MODEL_STORE } from '../../src/infrastructure/tokens';
import type { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
const PERIODS = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-Q1', '2021-Q2', '2021-H1'];
const report = (period: string, note: string) => ({ metric: 'health_insurance_coverage', period, value: 90, note });

/** Room for no page beyond those the file has now (SQLite never sets the limit below the current size). */
function fill(db: Database.Database): void {
  db.pragma('max_page_count = 1');
}

function makeRoom(db: Database.Database): void {
  db.pragma('max_page_count = 1073741823');
}

describe('a store whose disk is full', () => {
  let t: TestApp;
  const { destination, logged } = logCapture();
  const health = () => request(t.app.getHttpServer()).get('/health');

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
  });

  it('event store: refuses writes with 503 STORAGE_UNAVAILABLE, says so on /health and in the log, and recovers by itself', async () => {
    const events = (t.eventStore as unknown as { db: Database.Database }).db;
    const streamBefore = (await t.eventStore.readStream('indicator-ind-12')).length;
    fill(events);
    // Reports fit in the pages' free space until one needs a fresh page: every one acknowledged is kept.
    const acknowledged: number[] = [];
    let refused: request.Response | null = null;
    let refusedPeriod = '';
    for (const period of PERIODS) {
      const res = await t.post('/indicators/ind-12/progress-reports', report(period, 'x'.repeat(1900)), REPORTER).set('X-Correlation-Id', `full-${period}`);
      if (res.status === 201) acknowledged.push(res.body.position as number);
      else {
        refused = res;
        refusedPeriod = period;
        break;
      }
    }
    if (!refused) throw new Error(`every report fitted: the database was not full after ${PERIODS.length}`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'STORAGE_UNAVAILABLE', details: { store: 'eventStore', cause: 'disk_full' } });

    const line = logged().find((l) => l.correlationId === `full-${refusedPeriod}`);
    expect(line).toMatchObject({ level: 50, code: 'STORAGE_UNAVAILABLE', route: 'POST /indicators/:id/progress-reports', err: { type: 'StorageUnavailableError' } });
    expect(JSON.stringify(line)).toContain('database or disk is full');

    const unhealthy = await health().expect(503);
    expect(unhealthy.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE', error: { eventStore: { status: 'down', writable: false, cause: 'disk_full' } } });
    // Reads still work while writes cannot.
    await t.get('/indicators/ind-12').expect(200);

    makeRoom(events);
    await health().expect(200);
    expect(logged().some((l) => String(l.msg).includes('event store can write again'))).toBe(true);
    const retried = await t.post('/indicators/ind-12/progress-reports', report(refusedPeriod, 'x'.repeat(1900)), REPORTER).expect(201);
    acknowledged.push(retried.body.position as number);

    const stream = await t.eventStore.readStream('indicator-ind-12');
    expect(stream).toHaveLength(streamBefore + acknowledged.length);
    for (const position of acknowledged) expect(stream.some((event) => event.position === position)).toBe(true);
    const integrity = await t.get('/indicators/ind-12/integrity', KEYS.inspector).expect(200);
    expect(integrity.body).toMatchObject({ valid: true });
  });

  it('read-model store: commands are still acknowledged, /health names the read store, and the projections catch up once there is room', async () => {
    const reads = t.app.get<SqliteReadModelStore>(READ_MODEL_STORE).database;
    const first = await t.post('/indicators/ind-12/progress-reports', report('2021-07', 'first'), REPORTER).expect(201);
    const reportId = first.body.reportId as string;
    await t.get(`/indicators/ind-12?minPosition=${first.body.position}`).expect(200);
    fill(reads);
    // Corrections until a projection commit needs a fresh page and fails: every one is acknowledged all the same (the ledger has room).
    const acknowledged: number[] = [];
    let unhealthy: request.Response | null = null;
    for (let i = 1; i <= 60 && !unhealthy; i += 1) {
      const res = await t.post(`/indicators/ind-12/progress-reports/${reportId}/corrections`, { value: 80 + (i % 2), reason: `correction ${i} ${'x'.repeat(1900)}` }, REPORTER).expect(201);
      acknowledged.push(res.body.position as number);
      // The runner commits after the answer: a later round sees the failure.
      const checked = await health();
      if (checked.status === 503) unhealthy = checked;
    }
    if (!unhealthy) throw new Error('the read models never ran out of room');
    expect(unhealthy.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE', error: { readStore: { status: 'down', writable: false, cause: 'disk_full' } } });
    expect(logged().some((l) => l.level === 50 && JSON.stringify(l).includes('database or disk is full'))).toBe(true);

    makeRoom(reads);
    const last = acknowledged[acknowledged.length - 1];
    // The runner retries on its own; the read models reach the last acknowledged write.
    await t.get(`/indicators/ind-12/history?minPosition=${last}`).expect(200);
    await health().expect(200);
    const history = await t.get('/indicators/ind-12/history?limit=500').expect(200);
    const positions = new Set((await t.eventStore.readStream('indicator-ind-12')).map((event) => event.position));
    for (const position of acknowledged) expect(positions.has(position)).toBe(true);
    expect(history.body.items.filter((item: { type: string }) => item.type === 'ProgressReportCorrected')).toHaveLength(acknowledged.length);
  });
});

describe('a store whose storage turned read-only', () => {
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses writes with 503 STORAGE_UNAVAILABLE (read_only), says so on /health, and recovers by itself', async () => {
    // SQLite's `query_only` refuses every write with SQLITE_READONLY, as a file system remounted read-only does.
    const events = (t.eventStore as unknown as { db: Database.Database }).db;
    const before = await t.eventStore.headPosition();
    events.pragma('query_only = 1');
    const refused = await t.post('/indicators/ind-12/progress-reports', report('2021-01', 'read-only'), REPORTER).set('X-Correlation-Id', 'read-only-0001').expect(503);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE', details: { store: 'eventStore', cause: 'read_only' } });
    expect(JSON.stringify(logged().find((l) => l.correlationId === 'read-only-0001' && l.res))).toContain('readonly database');
    const unhealthy = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(unhealthy.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE', error: { eventStore: { writable: false, cause: 'read_only' } } });
    expect(await t.eventStore.headPosition()).toBe(before);

    events.pragma('query_only = 0');
    await request(t.app.getHttpServer()).get('/health').expect(200);
    const accepted = await t.post('/indicators/ind-12/progress-reports', report('2021-01', 'read-only'), REPORTER).expect(201);
    expect(accepted.body.position).toBe(before + 1);
  });
});
