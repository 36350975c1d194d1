/**
 * Hostile input: MongoDB operators and prototype keys in query strings and bodies on every route
 * the API documents, deep nesting, oversized bodies, floods; plus the security headers and CORS.
 * Every hostile request is a 400 (or 413/429) in our error shape, writes nothing, and never
 * reaches a read model. The same suite runs against MongoDB when MONGODB_URI is set.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { findInputProblem } from '../../src/http/forbidden-keys';
import { IndicatorsReadModel } from '../../src/read-models/indicators/indicators.read-model';
import { MongoReadModelStore } from '../../src/read-models/mongo/mongo-read-model-store';
import type { ReadModelStore } from '../../src/read-models/read-model-store.port';
import { spyOnQueries, type QuerySpy } from '../support/spy-read-model-store';
import { describeWithServer, MONGODB } from '../support/server-stores';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

/** Query strings as an attacker would send them; Fastify's query parser delivers them as flat keys. */
const HOSTILE_QUERIES = [
  'unit[$ne]=x',
  'status[$gt]=',
  '$where=sleep(1000)',
  '$nor[0][kind]=task',
  'kind[$regex]=.*',
  '__proto__[polluted]=yes',
  'constructor.prototype.polluted=yes',
  'constructor[prototype][polluted]=yes',
  'filter[$expr][$function]=x',
];

/** Bodies as an attacker would send them (raw JSON, so "__proto__" is an own key as JSON.parse makes it). */
const HOSTILE_BODIES = [
  '{"unitId": {"$gt": ""}}',
  '{"metric": {"$ne": null}, "period": "2021-Q1", "value": 1}',
  '{"$where": "this.value > 0"}',
  '{"$nor": [{"kind": "task"}]}',
  '{"toUnitId": "phong-kinh-te", "reason": "x", "decisionRef": "1", "$set": {"responsibleUnitId": "x"}}',
  '{"__proto__": {"roles": ["standing_committee"]}, "metric": "new_jobs", "period": "2021-Q1", "value": 1}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"targets": [{"metric": "a", "$gt": 1}]}',
  '{"evidence": [{"title": "t", "documentRef": "d", "issuedOn": "2021-01-01", "constructor": {"prototype": {}}}]}',
];

interface Route {
  method: 'get' | 'post';
  path: string;
}

function describeHostileInput(storeName: string, makeStore: (() => ReadModelStore) | null, cleanup: () => Promise<void> = async () => undefined) {
  describe(`hostile input (${storeName})`, () => {
    let t: TestApp;
    let spy: QuerySpy<ReadModelStore>;
    let routes: Route[];

    beforeAll(async () => {
      // The embedded store is the app's own in its data directory; a server store is handed in.
      t = await startTestApp({ ...(makeStore ? { readModelStore: makeStore() } : {}), wrapReadModelStore: (store) => (spy = spyOnQueries(store)).store });
      routes = await documentedRoutes(t);
    });

    afterAll(async () => {
      if (t) await t.close();
      await cleanup();
    });

    it('covers every documented route', () => {
      expect(routes.filter((r) => r.method === 'get').length).toBeGreaterThanOrEqual(5);
      expect(routes.filter((r) => r.method === 'post').length).toBeGreaterThanOrEqual(9);
    });

    it('answers every operator or prototype key in a query string with 400, before any read-store query', async () => {
      const head = await t.eventStore.headPosition();
      const queriesBefore = spy.queried.length;
      for (const route of routes) {
        for (const hostile of HOSTILE_QUERIES) {
          const res = await send(t, route, `?${hostile}`, '{}');
          expect({ route: `${route.method} ${route.path}?${hostile}`, status: res.status, code: res.body.code }).toEqual({
            route: `${route.method} ${route.path}?${hostile}`,
            status: 400,
            code: 'FORBIDDEN_KEY',
          });
        }
      }
      expect(spy.queried.slice(queriesBefore)).toEqual([]);
      expect(await t.eventStore.headPosition()).toBe(head);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("receives `unit[$ne]` as a flat key (Fastify's query parser), and refuses it by that name", async () => {
      const res = await t.get('/indicators?unit[$ne]=x').expect(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'FORBIDDEN_KEY', message: expect.any(String), details: { location: 'query', key: 'unit[$ne]' } });
    });

    it('answers every operator or prototype key in a body with 400, writes nothing and queries nothing', async () => {
      const head = await t.eventStore.headPosition();
      const queriesBefore = spy.queried.length;
      for (const route of routes.filter((r) => r.method === 'post')) {
        for (const body of HOSTILE_BODIES) {
          const res = await send(t, route, '', body);
          expect({ route: route.path, body, status: res.status, code: res.body.code }).toEqual({ route: route.path, body, status: 400, code: 'FORBIDDEN_KEY' });
        }
      }
      expect(spy.queried.slice(queriesBefore)).toEqual([]);
      expect(await t.eventStore.headPosition()).toBe(head);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).roles).toBeUndefined();
    });

    it('passes benign filters through as plain values of the fields the handler chooses', async () => {
      const list = jest.spyOn(t.app.get(IndicatorsReadModel), 'list');
      const queriesBefore = spy.queried.length;
      const res = await t.get('/indicators?unit=phong-kinh-te&kind=indicator').expect(200);
      // The spy sees benign queries: its silence on hostile ones above means something.
      expect(spy.queried.slice(queriesBefore)).toContain('indicators');
      expect(res.body.items.every((i: { responsibleUnitId: string }) => i.responsibleUnitId === 'phong-kinh-te')).toBe(true);
      expect(list).toHaveBeenCalledWith(expect.objectContaining({ responsibleUnitId: 'phong-kinh-te', kind: 'indicator' }), { limit: 100, offset: 0 });
      list.mockRestore();
      // A value that looks like an operator is a value, and not a valid unit id.
      expect((await t.get('/indicators?unit=$ne').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await t.get('/indicators?unit=a&unit=b').expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });
}

describeHostileInput('SQLite read models', null);

describeWithServer('hostile input against MongoDB read models', MONGODB, ({ uri }) => {
  const mongoDatabase = `ledger_hostile_${randomUUID().slice(0, 8)}`;
  describeHostileInput(
    'MongoDB read models',
    () => MongoReadModelStore.fromUri(uri, mongoDatabase),
    async () => {
      const client = new MongoClient(uri);
      try {
        await client.db(mongoDatabase).dropDatabase();
      } finally {
        await client.close();
      }
    },
  );
});

describe('input shape limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT: '2kb' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a body nested deeper than any command needs with 400, not a stack overflow', async () => {
    const head = await t.eventStore.headPosition();
    const deep = `{"metric": ${'['.repeat(900)}${']'.repeat(900)}, "period": "2021-Q1", "value": 1}`;
    const res = await send(t, { method: 'post', path: '/indicators/ind-12/progress-reports' }, '', deep);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INPUT_TOO_DEEP');
    expect(await t.eventStore.headPosition()).toBe(head);
  });

  it('refuses a body over BODY_LIMIT with 413 in our error shape', async () => {
    const res = await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93, note: 'x'.repeat(3000) }, KEYS.reporter('bao-hiem-xa-hoi-thanh-pho'));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
  });

  it('finds operator keys however the query parser nests them', () => {
    // What the "extended" (qs) parser would make of ?unit[$ne]=x, should anyone switch it on.
    expect(findInputProblem({ unit: { $ne: 'x' } }, 'query')).toMatchObject({ code: 'FORBIDDEN_KEY', key: '$ne' });
    expect(findInputProblem({ a: [{ b: { __proto__: null, constructor: 1 } }] }, 'body')).toMatchObject({ code: 'FORBIDDEN_KEY', key: 'constructor' });
    expect(findInputProblem({ note: '$where is fine inside a value' }, 'body')).toBeNull();
  });
});

describe('rate limits, security headers and CORS', () => {
  it('limits each principal separately and answers 429 RATE_LIMITED with Retry-After, writing nothing', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT: '5', RATE_LIMIT_WINDOW_MS: '60000' } });
    try {
      for (let i = 0; i < 5; i++) await t.get('/units', KEYS.analyst).expect(200);
      const limited = await t.get('/units', KEYS.analyst).expect(429);
      expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: { limit: 5, windowSeconds: 60 } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The budget is the principal's across routes, and another principal has its own.
      await t.get('/indicators', KEYS.analyst).expect(429);
      const head = await t.eventStore.headPosition();
      const reporter = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
      for (let i = 0; i < 5; i++) await t.get('/units', reporter).expect(200);
      const write = await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 }, reporter).expect(429);
      expect(write.body.code).toBe('RATE_LIMITED');
      expect(await t.eventStore.headPosition()).toBe(head);
      await t.get('/units', KEYS.inspector).expect(200);
    } finally {
      await t.close();
    }
  });

  it('sets security headers, sends no CORS headers by default, and only to configured origins otherwise', async () => {
    const t = await startTestApp({ seed: false });
    try {
      const res = await t.get('/units').set('Origin', 'https://evil.example').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(t.app.getHttpServer()).options('/units').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
    const cors = await startTestApp({ seed: false, env: { CORS_ORIGINS: 'https://dashboard.halong.gov.vn' } });
    try {
      const allowed = await cors.get('/units').set('Origin', 'https://dashboard.halong.gov.vn').expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.halong.gov.vn');
      const other = await cors.get('/units').set('Origin', 'https://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });
});

/** GET and POST routes from the app's own OpenAPI document, path parameters filled with plausible ids. */
async function documentedRoutes(t: TestApp): Promise<Route[]> {
  const document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    (['get', 'post'] as const)
      .filter((method) => method in operations)
      .filter(() => path !== '/health')
      .map((method) => ({ method, path: path.replace(/\{id\}/g, 'ind-12').replace(/\{[A-Za-z]+\}/g, randomUUID()) })),
  );
}

function send(t: TestApp, route: Route, query: string, body: string): request.Test {
  const server = t.app.getHttpServer();
  const key = route.method === 'get' ? KEYS.analyst : KEYS.coordinator;
  const req = route.method === 'get' ? request(server).get(route.path + query) : request(server).post(route.path + query).set('Content-Type', 'application/json').send(body);
  return req.set('Authorization', `Bearer ${key}`);
}
