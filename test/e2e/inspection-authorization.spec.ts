/**
 * Who may do what, over HTTP, for every role: the commands of the inspector's workflow, reports and
 * corrections carrying evidence, and the new read endpoints (open to every key, see docs/api.md).
 */
import request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-10';
const UNIT = 'phong-lao-dong-thuong-binh-xa-hoi';

const ROLES = {
  'reporter of the responsible unit': KEYS.reporter(UNIT),
  'reporter of another unit': KEYS.reporter('phong-tai-chinh-ke-hoach'),
  coordinator: KEYS.coordinator,
  'standing committee': KEYS.standingCommittee,
  inspector: KEYS.inspector,
  analyst: KEYS.analyst,
} as const;

type RoleName = keyof typeof ROLES;
type Expected = [status: number, code?: string];

const ok: Expected = [201];
const forbidden: Expected = [403, 'ROLE_NOT_ALLOWED'];
const otherUnit: Expected = [422, 'NOT_RESPONSIBLE_UNIT'];

const evidence = [{ title: 'Báo cáo tháng', documentRef: '50/BC-LĐTBXH', issuedOn: '2021-07-01' }];

describe('inspection authorization (e2e, every role)', () => {
  let t: TestApp;
  let reportId: string;
  let queryId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const report = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, ROLES['reporter of the responsible unit']).expect(201);
    reportId = report.body.reportId;
    const query = await t.post(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, { question: 'Căn cứ số liệu?' }, KEYS.inspector).expect(201);
    queryId = query.body.queryId;
  });

  afterAll(async () => {
    await t.close();
  });

  /** Runs one row per role, in the table's order; successful rows change state, so order matters. */
  function table(name: string, expected: Record<RoleName, Expected>, send: (apiKey: string, row: number) => request.Test) {
    describe(name, () => {
      (Object.keys(ROLES) as RoleName[]).forEach((role, row) => {
        const [status, code] = expected[role];
        it(`${role}: ${status}${code ? ` ${code}` : ''}`, async () => {
          const before = await t.eventStore.headPosition();
          const response = await send(ROLES[role], row).expect(status);
          if (code) expect(response.body.code).toBe(code);
          // A refused command writes nothing.
          if (status >= 400) expect(await t.eventStore.headPosition()).toBe(before);
        });
      });
    });
  }

  // Months that have started by the test clock (20 July 2021), one per row so successes never collide.
  const months = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06'];

  table(
    'report progress with evidence',
    { 'reporter of the responsible unit': ok, 'reporter of another unit': otherUnit, coordinator: ok, 'standing committee': forbidden, inspector: forbidden, analyst: forbidden },
    (key, row) => t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: months[row], value: 500 + row, evidence }, key),
  );

  table(
    'correct a report with evidence',
    { 'reporter of the responsible unit': ok, 'reporter of another unit': otherUnit, coordinator: ok, 'standing committee': forbidden, inspector: forbidden, analyst: forbidden },
    (key, row) => t.post(`/indicators/${INDICATOR}/progress-reports/${reportId}/corrections`, { value: 1710 + row, reason: 'Rà soát', evidence }, key),
  );

  table(
    'raise a query',
    { 'reporter of the responsible unit': forbidden, 'reporter of another unit': forbidden, coordinator: forbidden, 'standing committee': forbidden, inspector: ok, analyst: forbidden },
    (key) => t.post(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, { question: 'Vì sao điều chỉnh?' }, key),
  );

  table(
    'answer a query',
    { 'reporter of the responsible unit': ok, 'reporter of another unit': otherUnit, coordinator: ok, 'standing committee': forbidden, inspector: forbidden, analyst: forbidden },
    (key) => t.post(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'Theo báo cáo của các phường' }, key),
  );

  // The inspector's row comes after every refusal, so the query is still open to be closed then.
  table(
    'close a query',
    { 'reporter of the responsible unit': forbidden, 'reporter of another unit': forbidden, coordinator: forbidden, 'standing committee': forbidden, inspector: ok, analyst: forbidden },
    (key) => t.post(`/indicators/${INDICATOR}/queries/${queryId}/closure`, { conclusion: 'Chấp nhận' }, key),
  );

  describe('reads open to every key', () => {
    const reads = ['/audit/queries?status=open', '/progress-reports?hasEvidence=false', `/indicators/${INDICATOR}/history/export?format=csv`, '/exports/indicators?format=csv'];
    for (const [role, key] of Object.entries(ROLES)) {
      it(`${role} reads the queries, the reports, the exports and verifies files`, async () => {
        for (const url of reads) await t.get(url, key).expect(200);
        await request(t.app.getHttpServer()).post('/evidence/verify').set('Authorization', `Bearer ${key}`).set('Content-Type', 'application/octet-stream').send(Buffer.from('x')).expect(200);
      });
    }

    it('but not without a key', async () => {
      for (const url of reads) await request(t.app.getHttpServer()).get(url).expect(401);
    });
  });
});
