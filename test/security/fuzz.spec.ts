/**
 * Property-based fuzzing (fast-check) of every command body and every query parameter, over HTTP:
 * never a 5xx, an error is always in our shape, a refused command appends nothing, an accepted one
 * appends whole (every new event carries its command id and the last one is the position it
 * answered). At the end the event store holds exactly the events of the accepted commands.
 *
 * Deterministic by default (fixed seed); FUZZ_SEED and FUZZ_RUNS explore further, FUZZ_REPORT=1
 * prints how often each command got each answer (so one can see the fuzz reaches the deciders).
 */
import fc from 'fast-check';
import request from 'supertest';
import type { PrincipalDirectory } from '../../src/auth/principal-directory';
import { loadPrincipals } from '../../src/auth/principal-source';
import { commandIdFromIdempotencyKey } from '../../src/command-handling/command-envelope';
import { body, comparators, dates, evidence, expectedRevision, field, ifMatch, numbers, outcomes, periods, text, unitIds } from '../support/fuzz-arbitraries';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const SEED = Number(process.env.FUZZ_SEED ?? 20210720);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ALLOWED_STATUSES = new Set([200, 201, 400, 401, 403, 404, 409, 413, 422, 503]);

const CALLERS = [
  KEYS.reporter('bao-hiem-xa-hoi-thanh-pho'),
  KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi'),
  KEYS.reporter('chi-cuc-thong-ke'),
  KEYS.coordinator,
  KEYS.standingCommittee,
  KEYS.inspector,
  KEYS.analyst,
];
const callers = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(KEYS.coordinator, KEYS.standingCommittee) }, { weight: 4, arbitrary: fc.constantFrom(...CALLERS) });
const indicatorIds = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('ind-12', 'ind-10', 'ind-04', 'ind-03', 'fuzz-a', 'fuzz-b') },
  { weight: 1, arbitrary: fc.constantFrom('ind-99', 'IND-12', '%24ne', '..%2F..', 'a'.repeat(81)) },
);
const metrics = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('health_insurance_coverage', 'new_jobs', 'growth_rate', 'structure_services', 'new_party_members', 'completion') },
  { weight: 1, arbitrary: fc.constantFrom('unknown_metric', 'Metric!', '') },
);
/** An index into the ids accepted so far, or an id nobody made. */
const knownOr = fc.oneof({ weight: 3, arbitrary: fc.nat().map((pick) => ({ pick })) }, { weight: 1, arbitrary: fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid', 'Ü') });

const target = fc.record(
  {
    metric: field(metrics),
    label: field(text),
    comparator: field(comparators),
    value: field(numbers),
    min: field(numbers),
    max: field(numbers),
    unit: field(fc.constantFrom('%', 'lao động', 'thứ hạng')),
    measure: field(fc.constantFrom('share', 'growth', 'count', 'amount', 'rank', 'ratio')),
    accumulation: field(fc.constantFrom('cumulative', 'level', 'sum')),
    dueDate: field(dates),
    rankingIndex: field(fc.constantFrom('DDCI', 'PAR Index')),
  },
  { requiredKeys: ['metric', 'label', 'comparator', 'unit', 'measure', 'accumulation'] },
);

interface CommandCase {
  name: string;
  /** Path and body for one run; `pick` resolves an index into the ids accepted so far. */
  arbitrary: fc.Arbitrary<{ path: (known: KnownIds) => string; body: unknown; key: string; ifMatch: string | null }>;
}

interface KnownIds {
  reports: Array<{ indicatorId: string; reportId: string }>;
  queries: Array<{ indicatorId: string; queryId: string }>;
  units: string[];
}

function pickFrom<T>(list: T[], choice: unknown, fallback: (id: string) => T): T {
  if (typeof choice === 'object' && choice !== null && 'pick' in choice && list.length > 0) return list[(choice as { pick: number }).pick % list.length];
  return fallback(typeof choice === 'string' ? choice : 'none');
}

/** expectedRevision, notes and evidence are optional in every command; a stale revision would refuse most runs. */
const OPTIONAL = ['expectedRevision', 'note', 'evidence', 'shortName', 'namedInResolution', 'number', 'responsibilityAssumed', 'correction', 'comparator', 'min', 'max', 'dueDate'];

function command(name: string, fields: Record<string, fc.Arbitrary<unknown>>, path: fc.Arbitrary<(known: KnownIds) => string>, key = callers): CommandCase {
  return { name, arbitrary: fc.record({ path, body: body(fields, OPTIONAL), key, ifMatch }) };
}

/** Indicators with one of their metrics and the reporter of the unit responsible for them: reports that can be accepted. */
const REPORTABLE = [
  { indicatorId: 'ind-12', metric: 'health_insurance_coverage', reporter: KEYS.reporter('bao-hiem-xa-hoi-thanh-pho') },
  { indicatorId: 'ind-10', metric: 'new_jobs', reporter: KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi') },
  { indicatorId: 'ind-04', metric: 'growth_rate', reporter: KEYS.reporter('chi-cuc-thong-ke') },
  { indicatorId: 'ind-04', metric: 'structure_services', reporter: KEYS.reporter('chi-cuc-thong-ke') },
];

/** Mostly a report that fits its indicator and reporter, each part now and then swapped for a random one. */
const plausibleReport: CommandCase = {
  name: 'report progress (plausible)',
  arbitrary: fc
    .record({
      scenario: fc.constantFrom(...REPORTABLE),
      caller: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: callers }),
      indicator: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: indicatorIds }),
      metric: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: field(metrics) }),
      period: field(periods),
      value: field(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }), numbers)),
      note: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: field(text) }),
      evidence: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: field(evidence) }),
      expectedRevision,
      ifMatch,
    })
    .map((r) => ({
      path: () => `/indicators/${r.indicator ?? r.scenario.indicatorId}/progress-reports`,
      body: { metric: r.metric ?? r.scenario.metric, period: r.period, value: r.value, note: r.note ?? undefined, evidence: r.evidence ?? undefined, expectedRevision: r.expectedRevision },
      key: r.caller ?? r.scenario.reporter,
      ifMatch: r.ifMatch,
    })),
};

const onIndicator = (suffix: string) => indicatorIds.map((id) => () => `/indicators/${id}${suffix}`);
const onReport = (suffix: string) =>
  knownOr.map((choice) => (known: KnownIds) => {
    const { indicatorId, reportId } = pickFrom(known.reports, choice, (id) => ({ indicatorId: 'ind-12', reportId: id }));
    return `/indicators/${indicatorId}/progress-reports/${reportId}${suffix}`;
  });
const onQuery = (suffix: string) =>
  knownOr.map((choice) => (known: KnownIds) => {
    const { indicatorId, queryId } = pickFrom(known.queries, choice, (id) => ({ indicatorId: 'ind-12', queryId: id }));
    return `/indicators/${indicatorId}/queries/${queryId}${suffix}`;
  });
const onUnit = (suffix: string) => knownOr.map((choice) => (known: KnownIds) => `/units/${pickFrom(known.units, choice, (id) => id)}${suffix}`);
const revision = expectedRevision;

const COMMANDS: CommandCase[] = [
  command(
    'register an indicator',
    {
      id: field(fc.constantFrom('fuzz-a', 'fuzz-b', 'fuzz-c', 'ind-12', 'Bad Id')),
      resolutionId: field(fc.constantFrom('hl-2021', 'hl-2022')),
      kind: field(fc.constantFrom('indicator', 'task', 'goal')),
      number: field(fc.integer({ min: -1, max: 100 })),
      group: field(fc.constantFrom('economy', 'society', 'Economy')),
      section: field(fc.constantFrom('I.2', 'II.7.1', 'IV', '2.1')),
      name: field(text),
      responsibleUnitId: field(unitIds),
      responsibilityAssumed: field(fc.boolean()),
      targets: field(fc.array(target, { maxLength: 3 })),
    },
    fc.constant(() => '/indicators'),
  ),
  plausibleReport,
  command('report progress', { metric: field(metrics), period: field(periods), value: field(numbers), note: field(text), evidence: field(evidence), expectedRevision: revision }, onIndicator('/progress-reports')),
  command('correct a report', { value: field(fc.integer({ min: 0, max: 100 })), reason: field(text), note: field(text), evidence: field(evidence), expectedRevision: revision }, onReport('/corrections'), fc.oneof({ weight: 2, arbitrary: fc.constant(KEYS.coordinator) }, { weight: 1, arbitrary: callers })),
  command('reassign responsibility', { toUnitId: field(unitIds), reason: field(text), decisionRef: field(text), expectedRevision: revision }, onIndicator('/reassignments')),
  command(
    'revise a target',
    { metric: field(metrics), comparator: field(comparators), value: field(numbers), min: field(numbers), max: field(numbers), dueDate: field(dates), reason: field(text), decisionRef: field(text), expectedRevision: revision },
    onIndicator('/target-revisions'),
  ),
  command('assess an indicator', { outcome: field(outcomes), conclusion: field(text), decisionRef: field(text), expectedRevision: revision }, onIndicator('/assessment')),
  command('register a unit', { id: field(fc.constantFrom('fuzz-unit-a', 'fuzz-unit-b', 'phong-kinh-te', 'Bad Unit')), name: field(text), shortName: field(text), namedInResolution: field(fc.boolean()) }, fc.constant(() => '/units')),
  command('rename a unit', { name: field(text), reason: field(text) }, onUnit('/renaming')),
  command('deactivate a unit', { reason: field(text), decisionRef: field(text) }, onUnit('/deactivation')),
  command('raise a query', { question: field(text), expectedRevision: revision }, onReport('/queries'), fc.oneof({ weight: 2, arbitrary: fc.constant(KEYS.inspector) }, { weight: 1, arbitrary: callers })),
  command(
    'answer a query',
    { answer: field(text), evidence: field(evidence), correction: field(fc.record({ value: field(numbers), reason: field(text) }, { requiredKeys: [] })), expectedRevision: revision },
    onQuery('/answers'),
    fc.oneof({ weight: 2, arbitrary: fc.constant(KEYS.coordinator) }, { weight: 1, arbitrary: callers }),
  ),
  command('close a query', { conclusion: field(text), expectedRevision: revision }, onQuery('/closure'), fc.oneof({ weight: 2, arbitrary: fc.constant(KEYS.inspector) }, { weight: 1, arbitrary: callers })),
];

describe('fuzzing every command and query over HTTP', () => {
  let t: TestApp;
  let directory: PrincipalDirectory;
  let startHead: number;
  let sent = 0;
  const accepted = new Map<string, { position: number; revision: number }>();
  const refused = new Set<string>();
  const statuses = new Map<string, number>();
  const known: KnownIds = { reports: [], queries: [], units: ['fuzz-unit-a', 'phong-tai-chinh-ke-hoach'] };

  beforeAll(async () => {
    // No limit may refuse a fuzzed request: neither the rate limit nor the one on failed authentications.
    t = await startTestApp({ env: { RATE_LIMIT: '0', AUTH_FAILURE_LIMIT: '1000000' } });
    directory = loadPrincipals(t.config);
    startHead = await t.eventStore.headPosition();
  });

  afterAll(async () => {
    if (process.env.FUZZ_REPORT) console.log([...statuses].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
    await t.close();
  });

  function expectErrorShape(res: request.Response): void {
    expect(ALLOWED_STATUSES.has(res.status)).toBe(true);
    if (res.status >= 400) expect(res.body).toMatchObject({ statusCode: res.status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
  }

  for (const { name, arbitrary } of COMMANDS) {
    it(`${name}: no 5xx, no partial write`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (run) => {
          const idempotencyKey = `fuzz-${sent++}`;
          const commandId = commandIdFromIdempotencyKey(directory.authenticate(run.key)!.id, idempotencyKey);
          const path = run.path(known);
          const head = await t.eventStore.headPosition();
          let req = request(t.app.getHttpServer()).post(path).set('Authorization', `Bearer ${run.key}`).set('Idempotency-Key', idempotencyKey).set('Content-Type', 'application/json');
          if (run.ifMatch !== null) req = req.set('If-Match', run.ifMatch);
          const res = await req.send(JSON.stringify(run.body));
          expectErrorShape(res);
          statuses.set(`${name} ${res.status} ${res.body.code ?? ''}`, (statuses.get(`${name} ${res.status} ${res.body.code ?? ''}`) ?? 0) + 1);
          const appended = await t.eventStore.readAll({ fromPosition: head, limit: 1000 });
          if (res.status !== 201) {
            expect(appended).toEqual([]);
            refused.add(commandId);
            return;
          }
          expect(appended.length).toBeGreaterThan(0);
          expect(appended.every((e) => e.metadata.commandId === commandId)).toBe(true);
          const last = appended[appended.length - 1];
          expect({ position: res.body.position, revision: res.body.revision }).toEqual({ position: last.position, revision: last.revision });
          accepted.set(commandId, { position: last.position, revision: last.revision });
          const indicatorId = last.streamId.replace(/^indicator-/, '');
          if (res.body.reportId) known.reports.push({ indicatorId, reportId: res.body.reportId });
          if (res.body.queryId) known.queries.push({ indicatorId, queryId: res.body.queryId });
          if (last.type === 'UnitRegistered') known.units.push((last.data as { unitId: string }).unitId);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it('query parameters of every documented GET route: no 5xx', async () => {
    const routes = await documentedQueries(t);
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const names = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...route.params.map((p) => p.name), 'minPosition') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
      const values = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...route.params.flatMap((p) => p.enum), 'ind-12', 'phong-kinh-te', 'true', 'false', '0', '1', '-1', '500', '501', '1.5', 'csv', 'xlsx', '2021-06-30T23:59:59+07:00', '2021-13-01', 'ProgressReported') },
        { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
      );
      const query = fc.array(fc.tuple(names, values), { maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(query, async (pairs) => {
          // A minPosition beyond the head would only make the request wait for the 503.
          const safe = pairs.filter(([k, v]) => k !== 'minPosition' || !/^\d{2,}$/.test(v));
          const search = new URLSearchParams(safe).toString();
          const res = await t.get(`${route.path}${search ? `?${search}` : ''}`, KEYS.inspector);
          expectErrorShape(res);
        }),
        { seed: SEED, numRuns: Math.ceil(RUNS / 2) },
      );
    }
  });

  it('leaves exactly the events of the accepted commands in the store', async () => {
    expect(accepted.size).toBeGreaterThan(COMMANDS.length); // the fuzz reached the deciders and beyond
    expect(refused.size).toBeGreaterThan(accepted.size);
    const events = await t.eventStore.readAll({ fromPosition: startHead, limit: 100_000 });
    const byCommand = new Map<string, number>();
    for (const event of events) byCommand.set(event.metadata.commandId, event.position);
    expect([...byCommand.keys()].sort()).toEqual([...accepted.keys()].sort());
    for (const [commandId, { position }] of accepted) expect(byCommand.get(commandId)).toBe(position);
    for (const commandId of refused) expect(byCommand.has(commandId)).toBe(false);
  });
});

interface DocumentedQuery {
  path: string;
  params: Array<{ name: string; enum: string[] }>;
}

async function documentedQueries(t: TestApp): Promise<DocumentedQuery[]> {
  const document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as {
    paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string; schema?: { enum?: unknown[]; items?: { enum?: unknown[] } } }> } }>;
  };
  return Object.entries(document.paths)
    .filter(([, operations]) => operations.get)
    .map(([path, operations]) => ({
      path: path.replace(/\{id\}/g, 'ind-12').replace(/\{[A-Za-z]+\}/g, '00000000-0000-4000-8000-000000000000'),
      params: (operations.get?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, enum: [...(p.schema?.enum ?? []), ...(p.schema?.items?.enum ?? [])].map(String) })),
    }));
}
