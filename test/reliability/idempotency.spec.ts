/**
 * Idempotency-Key: a command retried with the same key and body appends once and answers the same
 * — at once, after other writes moved the stream on, and after the service restarted on the same
 * data. The same key with a different body is refused (422), never silently applied or replayed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const REPORTS = '/indicators/ind-12/progress-reports';
const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
const BODY = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93.1 };

describe('Idempotency-Key', () => {
  let dataDir: string;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-idem-'));
    t = await startTestApp({ dataDir });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (key: string, body: object = BODY, apiKey = REPORTER) => t.post(REPORTS, body, apiKey).set('Idempotency-Key', key);
  const eventsWithKey = async (first: { body: { position: number } }) => {
    const all = await t.eventStore.readAll({ fromPosition: 0, limit: 100_000 });
    const original = all.find((e) => e.position === first.body.position);
    return all.filter((e) => e.metadata.commandId === original?.metadata.commandId);
  };

  it('appends once and answers the same, immediately, after other writes, and after a restart', async () => {
    const first = await send('bhxh-q1-report').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const immediate = await send('bhxh-q1-report').expect(201);
    expect(immediate.body).toEqual(first.body);
    expect(immediate.headers['idempotent-replayed']).toBe('true');

    await t.post(REPORTS, { ...BODY, period: '2021-01', value: 92 }, REPORTER).expect(201);
    await t.post(REPORTS, { ...BODY, period: '2021-02', value: 92.5 }, REPORTER).expect(201);
    const afterOtherWrites = await send('bhxh-q1-report').expect(201);
    expect(afterOtherWrites.body).toEqual(first.body);
    expect(afterOtherWrites.headers.etag).toBe(`"${first.body.revision}"`);

    await t.app.close();
    t = await startTestApp({ dataDir });
    const afterRestart = await send('bhxh-q1-report').expect(201);
    expect(afterRestart.body).toEqual(first.body);
    expect(afterRestart.headers['idempotent-replayed']).toBe('true');

    expect(await eventsWithKey(first)).toHaveLength(1);
    const stream = await t.eventStore.readStream('indicator-ind-12');
    expect(stream.filter((e) => e.type === 'ProgressReported' && (e.data as { period: string }).period === '2021-Q1')).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 and appends nothing', async () => {
    await send('bhxh-h1-report', { ...BODY, period: '2021-H1', value: 94 }).expect(201);
    const head = await t.eventStore.headPosition();
    const reused = await send('bhxh-h1-report', { ...BODY, period: '2021-H1', value: 95 }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherIndicator = await t
      .post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-H1', value: 3000 }, KEYS.coordinator)
      .set('Idempotency-Key', 'bhxh-h1-report');
    // Keys are scoped to the caller: the coordinator's key of the same name is a different command.
    expect(otherIndicator.status).toBe(201);
    const sameCallerOtherIndicator = await t
      .post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-05', value: 2500 }, KEYS.coordinator)
      .set('Idempotency-Key', 'bhxh-h1-report');
    expect(sameCallerOtherIndicator.status).toBe(422);
    expect(sameCallerOtherIndicator.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const crossStream = await t
      .post('/indicators/ind-03/progress-reports', { metric: 'new_party_members', period: '2021-05', value: 100 }, KEYS.coordinator)
      .set('Idempotency-Key', 'bhxh-h1-report');
    expect(crossStream.status).toBe(422);
    expect(crossStream.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.eventStore.headPosition()).toBe(head + 1);
  });

  it('answers concurrent retries of one command the same, appending once', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => send('bhxh-03-report', { ...BODY, period: '2021-03', value: 93 })));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect(await eventsWithKey(responses[0])).toHaveLength(1);
  });
});
