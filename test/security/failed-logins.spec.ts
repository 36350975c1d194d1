/**
 * Logins that cannot be guessed at speed, and logs and caches that keep no credential: a burst of
 * wrong keys from one address meets 429 with Retry-After (then even a right key does, so a guesser
 * learns nothing), the failures are logged as one summary line instead of a line each, other
 * addresses are not affected, the access log carries no query value that could be a credential and
 * names the principal of every authenticated request, and authenticated answers are not cached.
 */
import request from 'supertest';
import { FailedAuthentications, addressKey } from '../../src/auth/failed-authentications';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const LIMIT = 5;

describe('failed authentication', () => {
  let t: TestApp;
  const { destination, logged } = logCapture();
  /** A request from a given client address (TRUST_PROXY makes the app read it from X-Forwarded-For). */
  const from = (address: string, key: string, url = '/units') => request(t.app.getHttpServer()).get(url).set('X-Forwarded-For', address).set('Authorization', `Bearer ${key}`);

  beforeAll(async () => {
    t = await startTestApp({
      seed: false,
      env: { LOG_LEVEL: 'info', AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_MS: '60000', TRUST_PROXY: 'true' },
      logDestination: destination,
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('meets 429 AUTHENTICATION_THROTTLED with Retry-After after a burst of wrong keys, then refuses even a right key until the window ends', async () => {
    const guesser = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await from(guesser, `guess-${i}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`)).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual(Array(40 - LIMIT).fill(429));

    const refused = await from(guesser, KEYS.analyst).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'AUTHENTICATION_THROTTLED', details: { limit: LIMIT, windowSeconds: 60 } });
    expect(refused.headers['retry-after']).toBe('60');
    // Another address is not held back, and a public route stays open to the guesser.
    await from('198.51.100.20', KEYS.analyst).expect(200);
    await request(t.app.getHttpServer()).get('/health').set('X-Forwarded-For', guesser).expect(200);

    t.clock.set(new Date(t.clock.now().getTime() + 45_000));
    expect((await from(guesser, KEYS.analyst).expect(429)).headers['retry-after']).toBe('15');
    t.clock.set(new Date(t.clock.now().getTime() + 15_000));
    await from(guesser, KEYS.analyst).expect(200);
  });

  it('logs the failures as one summary line, not a line per attempt', async () => {
    const server = t.app.get(FailedAuthentications);
    server.logSummary(); // what the first test left
    const before = logged().length;
    for (let i = 0; i < 12; i++) await from('192.0.2.44', `wrong-${i}-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb`);
    await from('192.0.2.45', 'one-wrong-key-cccccccccccccccccccccccccccccccc').expect(401);
    expect(logged().slice(before).filter((line) => (line.res as { statusCode?: number } | undefined)?.statusCode !== undefined)).toEqual([]);
    server.logSummary();
    const summaries = logged().slice(before);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      level: 40,
      context: 'Auth',
      failedAuthentications: {
        failures: LIMIT + 1,
        throttled: 12 - LIMIT,
        addresses: 2,
        top: [
          { address: '192.0.2.44', failures: LIMIT, throttled: 12 - LIMIT },
          { address: '192.0.2.45', failures: 1, throttled: 0 },
        ],
      },
    });
    expect(JSON.stringify(summaries)).not.toMatch(/wrong-|one-wrong-key/);
  });

  it('counts IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3:0::/64');
    expect(addressKey('2001:db8:85a3:0:ffff:1:2:3')).toBe('2001:db8:85a3:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });
});

describe('request lines and caches', () => {
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
  });

  const lineOf = (correlationId: string) => logged().find((line) => line.correlationId === correlationId);

  it('keeps no access_token (nor any value of a parameter the API does not know) in the log', async () => {
    const secret = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ';
    await t.get(`/indicators?access_token=${secret}&api_key=k-3f9a&limit=5&unit=phong-kinh-te`).set('X-Correlation-Id', 'query-0001').expect(400);
    await t.get(`/units?token=${secret}`).set('X-Correlation-Id', 'query-0002').expect(400);
    expect(JSON.stringify(logged())).not.toContain(secret);
    expect(JSON.stringify(logged())).not.toContain('k-3f9a');
    expect(lineOf('query-0001')?.req).toMatchObject({ url: '/indicators?access_token=[redacted]&api_key=[redacted]&limit=5&unit=phong-kinh-te' });
    expect(lineOf('query-0002')?.req).toMatchObject({ url: '/units?token=[redacted]' });
  });

  it('names the principal on every authenticated request line, and on no public one', async () => {
    await t.get('/units', KEYS.inspector).set('X-Correlation-Id', 'who-0001').expect(200);
    await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 150 }, KEYS.reporter('bao-hiem-xa-hoi-thanh-pho')).set('X-Correlation-Id', 'who-0002').expect(422);
    await request(t.app.getHttpServer()).get('/health').set('X-Correlation-Id', 'who-0003').expect(200);
    expect(lineOf('who-0001')).toMatchObject({ principal: 'kiem-tra-vien-co-quan-uy-ban-kiem-tra-thanh-tra-thanh-pho', res: { statusCode: 200 } });
    expect(lineOf('who-0002')).toMatchObject({ principal: 'can-bo-bao-cao-bao-hiem-xa-hoi-thanh-pho', code: 'VALUE_OUT_OF_RANGE' });
    expect(lineOf('who-0003')).not.toHaveProperty('principal');
  });

  it('answers authenticated routes with Cache-Control: no-store, refusals included', async () => {
    for (const res of [await t.get('/indicators/ind-12').expect(200), await t.get('/indicators/ind-99').expect(404), await t.get('/units', 'not-a-key').expect(401)]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const exported = await t.get('/exports/indicators?format=csv', KEYS.inspector).expect(200);
    expect(exported.headers['cache-control']).toBe('no-store');
  });
});
