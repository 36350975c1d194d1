/**
 * Every command against every kind of caller, each cell on state of its own so no success in one
 * cell changes another: who may write what (function level), on whose indicator (object level),
 * and that a deactivated unit's keys write nothing at all. A refused cell appends nothing.
 * Finally, no response the callers received carries a key or a key digest.
 */
import { apiKeySha256 } from '../../src/auth/principal-directory';
import { loadConfig } from '../../src/config/config';
import * as fs from 'node:fs';
import request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const UNIT_A = 'phong-kinh-te';
const UNIT_B = 'phong-tai-chinh-ke-hoach';
/** Registered and given responsibilities by the test, then deactivated before any cell runs. */
const UNIT_X = 'ban-quan-ly-giai-the';
const KEY_X_REPORTER = 'reporter-of-deactivated-unit-0001';
const KEY_X_COORDINATOR = 'coordinator-of-deactivated-unit-0001';

const CALLERS = {
  'reporter of the responsible unit': KEYS.reporter(UNIT_A),
  'reporter of another unit': KEYS.reporter(UNIT_B),
  coordinator: KEYS.coordinator,
  'standing committee': KEYS.standingCommittee,
  inspector: KEYS.inspector,
  analyst: KEYS.analyst,
  'reporter of a deactivated unit (responsible)': KEY_X_REPORTER,
  'coordinator of a deactivated unit': KEY_X_COORDINATOR,
} as const;
type Caller = keyof typeof CALLERS;
const CALLER_NAMES = Object.keys(CALLERS) as Caller[];

type Outcome = 'ok' | 'role' | 'unit' | 'deactivated';
const EXPECTED_STATUS: Record<Outcome, [number, string | undefined]> = {
  ok: [201, undefined],
  role: [403, 'ROLE_NOT_ALLOWED'],
  unit: [422, 'NOT_RESPONSIBLE_UNIT'],
  deactivated: [403, 'UNIT_DEACTIVATED'],
};

/** What a cell needs in place before its command: built in advance, before unit X is deactivated. */
interface Fixture {
  indicatorId: string;
  unitId: string;
  reportId: string;
  queryId: string;
}
type Needs = 'indicator' | 'report' | 'query' | 'answered query' | 'unit' | 'nothing';

interface Row {
  command: string;
  needs: Needs;
  send(t: TestApp, f: Fixture, key: string, cell: string): ReturnType<TestApp['post']>;
  /** Outcome per caller, in CALLER_NAMES order. */
  expected: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
}

//                                repA    repB    coord   standing insp    analyst  repX           coordX
const ROWS: Row[] = [
  {
    command: 'register an indicator',
    needs: 'nothing',
    send: (t, _f, key, cell) => t.post('/indicators', indicatorBody(`authz-new-${cell}`, UNIT_A), key),
    expected: ['role', 'role', 'ok', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'report progress',
    needs: 'indicator',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/progress-reports`, { metric: 'completion', period: '2021-Q2', value: 40 }, key),
    expected: ['ok', 'unit', 'ok', 'role', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'correct a report',
    needs: 'report',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/progress-reports/${f.reportId}/corrections`, { value: 35, reason: 'Số liệu chính thức' }, key),
    expected: ['ok', 'unit', 'ok', 'role', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'reassign responsibility',
    needs: 'indicator',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/reassignments`, { toUnitId: UNIT_B, reason: 'Phân công lại', decisionRef: '215-QĐ/TU' }, key),
    expected: ['role', 'role', 'ok', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'revise a target',
    needs: 'indicator',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/target-revisions`, { metric: 'completion', value: 90, reason: 'Điều chỉnh', decisionRef: '230-NQ/TU' }, key),
    expected: ['role', 'role', 'role', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'assess an indicator',
    needs: 'indicator',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/assessment`, { outcome: 'not_achieved', conclusion: 'Chưa đạt', decisionRef: '300-BC/TU' }, key),
    expected: ['role', 'role', 'role', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'register a unit',
    needs: 'nothing',
    send: (t, _f, key, cell) => t.post('/units', { id: `don-vi-moi-${cell}`, name: 'Đơn vị mới' }, key),
    expected: ['role', 'role', 'ok', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'rename a unit',
    needs: 'unit',
    send: (t, f, key) => t.post(`/units/${f.unitId}/renaming`, { name: 'Tên mới', reason: 'Sắp xếp tổ chức' }, key),
    expected: ['role', 'role', 'ok', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'deactivate a unit',
    needs: 'unit',
    send: (t, f, key) => t.post(`/units/${f.unitId}/deactivation`, { reason: 'Giải thể', decisionRef: '12-QĐ/TU' }, key),
    expected: ['role', 'role', 'ok', 'ok', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'raise a query on a report',
    needs: 'report',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/progress-reports/${f.reportId}/queries`, { question: 'Căn cứ số liệu?' }, key),
    expected: ['role', 'role', 'role', 'role', 'ok', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'answer a query',
    needs: 'query',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/queries/${f.queryId}/answers`, { answer: 'Theo báo cáo của các phường' }, key),
    expected: ['ok', 'unit', 'ok', 'role', 'role', 'role', 'deactivated', 'deactivated'],
  },
  {
    command: 'close a query',
    needs: 'answered query',
    send: (t, f, key) => t.post(`/indicators/${f.indicatorId}/queries/${f.queryId}/closure`, { conclusion: 'Chấp nhận' }, key),
    expected: ['role', 'role', 'role', 'role', 'ok', 'role', 'deactivated', 'deactivated'],
  },
];

function indicatorBody(id: string, responsibleUnitId: string) {
  return {
    id,
    resolutionId: 'hl-2021',
    kind: 'task',
    group: 'economy',
    section: 'II.1',
    name: 'Nhiệm vụ kiểm thử phân quyền',
    responsibleUnitId,
    targets: [{ metric: 'completion', label: 'Hoàn thành', comparator: '>=', value: 100, unit: '%', measure: 'share', accumulation: 'level' }],
  };
}

describe('authorization matrix: every command × every caller', () => {
  let t: TestApp;
  const fixtures = new Map<string, Fixture>();
  const seen: string[] = [];

  beforeAll(async () => {
    // The demo keys are shorter than any other principals list may hold: given here as their digests.
    const demo = JSON.parse(fs.readFileSync(loadConfig({}).demoPrincipalsFile, 'utf8')) as Array<{ apiKey: string }>;
    const principals = [
      ...demo.map(({ apiKey, ...entry }) => ({ ...entry, apiKeySha256: apiKeySha256(apiKey) })),
      { name: 'Báo cáo viên đơn vị giải thể', apiKey: KEY_X_REPORTER, unitId: UNIT_X, roles: ['reporter'] },
      { name: 'Điều phối viên đơn vị giải thể', apiKey: KEY_X_COORDINATOR, unitId: UNIT_X, roles: ['coordinator'] },
    ];
    t = await startTestApp({ env: { PRINCIPALS_JSON: JSON.stringify(principals) } });
    await t.post('/units', { id: UNIT_X, name: 'Ban quản lý (sẽ giải thể)' }, KEYS.coordinator).expect(201);
    for (const [r, row] of ROWS.entries()) {
      for (const [c, caller] of CALLER_NAMES.entries()) {
        const cell = `${r}-${c}`;
        const responsible = caller === 'reporter of a deactivated unit (responsible)' ? UNIT_X : UNIT_A;
        fixtures.set(cell, await prepare(row.needs, cell, responsible));
      }
    }
    await t.post(`/units/${UNIT_X}/deactivation`, { reason: 'Giải thể theo quyết định', decisionRef: '99-QĐ/TU' }, KEYS.coordinator).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  async function prepare(needs: Needs, cell: string, responsibleUnitId: string): Promise<Fixture> {
    const fixture: Fixture = { indicatorId: `authz-${cell}`, unitId: `don-vi-${cell}`, reportId: '', queryId: '' };
    if (needs === 'nothing') return fixture;
    if (needs === 'unit') {
      await t.post('/units', { id: fixture.unitId, name: `Đơn vị ${cell}` }, KEYS.standingCommittee).expect(201);
      return fixture;
    }
    await t.post('/indicators', indicatorBody(fixture.indicatorId, responsibleUnitId), KEYS.standingCommittee).expect(201);
    if (needs === 'indicator') return fixture;
    const report = await t.post(`/indicators/${fixture.indicatorId}/progress-reports`, { metric: 'completion', period: '2021-Q1', value: 30 }, KEYS.coordinator).expect(201);
    fixture.reportId = report.body.reportId;
    if (needs === 'report') return fixture;
    const query = await t.post(`/indicators/${fixture.indicatorId}/progress-reports/${fixture.reportId}/queries`, { question: 'Vì sao?' }, KEYS.inspector).expect(201);
    fixture.queryId = query.body.queryId;
    if (needs === 'answered query') {
      await t.post(`/indicators/${fixture.indicatorId}/queries/${fixture.queryId}/answers`, { answer: 'Đã rà soát' }, KEYS.coordinator).expect(201);
    }
    return fixture;
  }

  for (const [r, row] of ROWS.entries()) {
    describe(row.command, () => {
      for (const [c, caller] of CALLER_NAMES.entries()) {
        const outcome = row.expected[c];
        const [status, code] = EXPECTED_STATUS[outcome];
        it(`${caller}: ${status}${code ? ` ${code}` : ''}`, async () => {
          const cell = `${r}-${c}`;
          const before = await t.eventStore.headPosition();
          const response = await row.send(t, fixtures.get(cell) as Fixture, CALLERS[caller], cell);
          seen.push(response.text);
          expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
          expect(await t.eventStore.headPosition()).toBe(status === 201 ? before + 1 : before);
        });
      }
    });
  }

  it('lets a deactivated unit’s keys still read', async () => {
    await t.get(`/units/${UNIT_X}`, KEY_X_REPORTER).expect(200);
    await t.get('/indicators?limit=5', KEY_X_COORDINATOR).expect(200);
    // Verifying a file is a read that happens to need a body: a deactivated unit may still do it.
    const verified = await request(t.app.getHttpServer())
      .post('/evidence/verify')
      .set('Authorization', `Bearer ${KEY_X_REPORTER}`)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('biên bản kiểm tra'))
      .expect(200);
    expect(verified.body).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), citedBy: [] });
  });

  it('never shows a key or a key digest in any response', async () => {
    for (const url of ['/units', `/units/${UNIT_X}`, '/indicators?limit=500', '/indicators/authz-1-0/history', '/indicators/authz-10-0/history', '/health']) {
      seen.push((await t.get(url, KEYS.inspector)).text);
    }
    seen.push((await t.get('/indicators', 'not-a-key-at-all')).text);
    const secrets = [...Object.values(CALLERS), 'not-a-key-at-all'];
    const forbidden = [...secrets, ...secrets.map(apiKeySha256), 'apiKey', 'apiKeySha256'];
    const everything = seen.join('\n');
    expect(seen.length).toBeGreaterThan(ROWS.length * CALLER_NAMES.length);
    for (const needle of forbidden) expect(everything).not.toContain(needle);
  });
});
