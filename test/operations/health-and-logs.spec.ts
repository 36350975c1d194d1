/**
 * Operations: GET /health (public, states and numbers only), structured JSON logs with a
 * correlation id per request and no key material, and correlation ids carried into events.
 */
import request from 'supertest';
import { apiKeySha256 } from '../../src/auth/principal-directory';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProjectionService } from '../../src/infrastructure/projection.service';
import { InstrumentedEventStore } from '../support/instrumented-event-store';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, takeUndescribedAnswers, type TestApp } from '../support/test-app';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
const REPORT = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 };

/** An event store whose reads can be made to fail, like a server that stopped answering. */
class FailingEventStore extends InstrumentedEventStore {
  failing = false;

  override headPosition(): Promise<number> {
    return this.failing ? Promise.reject(new Error('connect ECONNREFUSED esdb://admin:s3cret@10.0.0.5:2113')) : super.headPosition();
  }
}

describe('GET /health', () => {
  let dir: string;
  let store: FailingEventStore;
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-health-'));
    store = new FailingEventStore(new SqliteEventStore({ filename: path.join(dir, 'events.db') }));
    t = await startTestApp({ dataDir: dir, eventStore: store as EventStore, env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers without a key: both stores up, read models live and not behind', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    const head = await t.eventStore.headPosition();
    expect(res.body).toMatchObject({
      status: 'ok',
      details: {
        eventStore: { status: 'up', headPosition: head },
        readStore: { status: 'up', checkpoint: head },
        projections: { status: 'up', state: 'live', position: head, headPosition: head, lagEvents: 0, lagEventsCapped: false, lagSeconds: 0, lastFailureAt: null, drops: 0, retries: 0, resubscriptions: 0 },
      },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows the lag in events and seconds while the projections are behind', async () => {
    const runner = t.app.get(ProjectionService).daemon.live;
    await runner.stop();
    try {
      await t.post('/indicators/ind-12/progress-reports', REPORT, REPORTER).expect(201);
      await t.post('/indicators/ind-12/progress-reports', { ...REPORT, period: '2021-01' }, REPORTER).expect(201);
      t.clock.set(new Date(t.clock.now().getTime() + 90_000));
      const res = await request(t.app.getHttpServer()).get('/health').expect(200);
      expect(res.body.details.projections).toMatchObject({ state: 'stopped', lagEvents: 2, lagEventsCapped: false, lagSeconds: 90 });
    } finally {
      runner.start();
    }
    expect(await runner.waitForPosition(await t.eventStore.headPosition(), 5000)).toBe(true);
    const caughtUp = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(caughtUp.body.details.projections).toMatchObject({ state: 'live', lagEvents: 0, lagSeconds: 0 });
  });

  it('counts subscription drops and resubscriptions', async () => {
    const runner = t.app.get(ProjectionService).daemon.live;
    await runner.stop();
    store.failNextSubscriptionAfter(0);
    runner.start();
    const res = await t.post('/indicators/ind-12/progress-reports', { ...REPORT, period: '2021-03' }, REPORTER).expect(201);
    expect(await runner.waitForPosition(res.body.position, 5000)).toBe(true);
    const health = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(health.body.details.projections).toMatchObject({ state: 'live', lagEvents: 0, drops: 1, resubscriptions: 1, lastFailureAt: expect.any(String) });
  });

  it('answers 503 when the event store does not answer, and never shows why (logged instead)', async () => {
    store.failing = true;
    try {
      const res = await request(t.app.getHttpServer()).get('/health').set('X-Correlation-Id', 'unhealthy-0001').expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'UNHEALTHY', status: 'error', error: { eventStore: { status: 'down', reachable: false } } });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(logged().find((l) => l.correlationId === 'unhealthy-0001' && l.res)).toMatchObject({ level: 40, code: 'UNHEALTHY', res: { statusCode: 503 } });
      // Why is logged, under the request's correlation id, without the connection string's password.
      const why = logged().find((l) => l.correlationId === 'unhealthy-0001' && !l.res);
      expect(why).toMatchObject({ level: 50, context: 'Health', msg: expect.stringContaining('ECONNREFUSED') });
      expect(JSON.stringify(why)).not.toContain('s3cret');
      // As openapi.json describes it (test/support/openapi-contract.ts checks every answer).
      expect(takeUndescribedAnswers()).toEqual([]);
      expect(res.text).not.toMatch(/s3cret|ECONNREFUSED|10\.0\.0\.5|esdb:/);
      expect(res.text).not.toContain(dir);
    } finally {
      store.failing = false;
    }
    await request(t.app.getHttpServer()).get('/health').expect(200);
  });
});

describe('structured logs and correlation ids', () => {
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
  });

  it('logs every request as one JSON line under its correlation id, echoed in the response', async () => {
    const res = await t.get('/indicators/ind-12', REPORTER).set('X-Correlation-Id', 'bhxh-req-0001').expect(200);
    expect(res.headers['x-correlation-id']).toBe('bhxh-req-0001');
    const entry = logged().find((l) => l.correlationId === 'bhxh-req-0001');
    expect(entry).toMatchObject({ level: 30, req: { method: 'GET', url: '/indicators/ind-12' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
  });

  it('generates a correlation id when none (or a malformed one) is sent, and records it in the command’s events', async () => {
    const res = await t.post('/indicators/ind-12/progress-reports', { ...REPORT, period: '2021-02' }, REPORTER).expect(201);
    const id = res.headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = (await t.eventStore.readStream('indicator-ind-12')).filter((e) => e.position === res.body.position);
    expect(event.metadata.correlationId).toBe(id);
    expect(logged().some((l) => l.correlationId === id && (l.res as { statusCode: number }).statusCode === 201)).toBe(true);
    const odd = await t.get('/units', REPORTER).set('X-Correlation-Id', 'has spaces and ünïcode').expect(200);
    expect(odd.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs refusals louder, and never a key, a key digest or a token', async () => {
    await t.get('/indicators', 'a-wrong-key-that-must-not-be-logged').expect(401);
    await t.post('/indicators/ind-12/progress-reports', { ...REPORT, value: 140 }, REPORTER).expect(422);
    expect(logged().some((l) => l.level === 40 && (l.res as { statusCode: number }).statusCode === 422)).toBe(true);
    // A failed authentication gets no line of its own; the summary of failures counts it (test/security/failed-logins.spec.ts).
    expect(logged().some((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 401)).toBe(false);
    const all = JSON.stringify(logged());
    for (const secret of [REPORTER, KEYS.analyst, 'a-wrong-key-that-must-not-be-logged']) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(apiKeySha256(secret));
    }
    expect(all).not.toMatch(/authorization/i);
  });

  it('puts the code a refusal was answered with on its line', async () => {
    const refused = await t.post('/indicators/ind-12/progress-reports', { ...REPORT, value: 150 }, REPORTER).set('X-Correlation-Id', 'refused-0001').expect(422);
    expect(refused.body.code).toBe('VALUE_OUT_OF_RANGE');
    expect(logged().find((l) => l.correlationId === 'refused-0001')).toMatchObject({ level: 40, code: 'VALUE_OUT_OF_RANGE', res: { statusCode: 422 } });
    const ok = logged().find((l) => l.correlationId === 'bhxh-req-0001');
    expect(ok).not.toHaveProperty('code');
  });

  it('logs a 503 the client is told to wait out as a warning with its code, without a made-up stack', async () => {
    await t.get('/units?minPosition=999999', REPORTER).set('X-Correlation-Id', 'lagging-0001').expect(503);
    const entry = logged().find((l) => l.correlationId === 'lagging-0001');
    expect(entry).toMatchObject({ level: 40, code: 'PROJECTION_LAGGING', res: { statusCode: 503 } });
    expect(entry).not.toHaveProperty('err');
  });
});

// Refusals made before any handler runs: by the JSON body reader, and by Fastify's router.
describe('log lines of refusals made before routing', () => {
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
  });

  const lineOf = (correlationId: string) => logged().find((l) => l.correlationId === correlationId);

  it('carry the code of a body that is not JSON and of a path that does not decode', async () => {
    const server = t.app.getHttpServer();
    await request(server)
      .post('/indicators/ind-12/progress-reports')
      .set('Authorization', `Bearer ${REPORTER}`)
      .set('Content-Type', 'application/json')
      .set('X-Correlation-Id', 'malformed-0001')
      .send('{"metric": ')
      .expect(400);
    await request(server).get('/indicators/%E0%A4%A').set('Authorization', `Bearer ${REPORTER}`).set('X-Correlation-Id', 'bad-url-0001').expect(400);
    expect(lineOf('malformed-0001')).toMatchObject({ level: 40, code: 'MALFORMED_JSON' });
    expect(lineOf('bad-url-0001')).toMatchObject({ level: 40, code: 'INVALID_URL' });
  });
});
