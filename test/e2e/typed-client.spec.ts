/**
 * A client generated from openapi.json calls every operation of the API, as a newcomer's would
 * (docs/api.md, Generating a client): the types of web/src/api/schema.ts (openapi-typescript), the console's own
 * with openapi-fetch. That it compiles is part of the contract (`npm test` type-checks it first);
 * every answer it gets is checked against the document like every other (test/support/openapi-contract.ts).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../web/src/api/schema';
import { listenOnLoopback } from '../support/http-client';
import { OPENAPI_FILE } from '../support/openapi-contract';
import { KEYS, startTestApp, takeUndescribedAnswers, type TestApp } from '../support/test-app';

const FILE = Buffer.from('Biên bản rà soát số liệu lao động quý I');
const REPORTER = KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi');
const as = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

describe('a client generated from openapi.json (e2e)', () => {
  let t: TestApp;
  let api: Client<paths>;
  const called = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
    api = createClient<paths>({ baseUrl: (await listenOnLoopback(t)).baseUrl });
    api.use({
      onRequest: ({ request, schemaPath }) => {
        called.add(`${request.method} ${schemaPath}`);
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reads the health check without a key', async () => {
    const { data, response } = await api.GET('/health');
    expect(response.status).toBe(200);
    expect(data?.status).toBe('ok');
    const options = await api.GET('/session/sign-in-options');
    expect(options.data).toEqual({ apiKey: true, jwt: false });
  });

  it('tells a key holder who they are', async () => {
    const { data } = await api.GET('/session', as(KEYS.inspector));
    expect(data?.roles).toEqual(['inspector']);
    expect(data?.credential).toBe('api_key');
  });

  it('sends every command, each answered as declared', async () => {
    const path = { id: 'ind-10' };
    const reported = await api.POST('/indicators/{id}/progress-reports', {
      params: { path, header: { 'Idempotency-Key': 'typed-client-q1' } },
      body: { metric: 'new_jobs', period: '2021-Q1', value: 1700 },
      ...as(REPORTER),
    });
    expect(reported.response.status).toBe(201);
    const reportId = reported.data!.reportId;
    const evidence = [{ title: 'Biên bản rà soát', documentRef: '12/BB-LĐTBXH', issuedOn: '2021-07-01', sha256: createHash('sha256').update(FILE).digest('hex') }];
    const corrected = await api.POST('/indicators/{id}/progress-reports/{reportId}/corrections', {
      params: { path: { id: 'ind-10', reportId } },
      body: { value: 1750, reason: 'Rà soát', evidence },
      ...as(REPORTER),
    });
    expect(corrected.data?.revision).toBe(reported.data!.revision + 1);

    const raised = await api.POST('/indicators/{id}/progress-reports/{reportId}/queries', {
      params: { path: { id: 'ind-10', reportId } },
      body: { question: 'Đề nghị làm rõ' },
      ...as(KEYS.inspector),
    });
    const queryId = raised.data!.queryId;
    const answered = await api.POST('/indicators/{id}/queries/{queryId}/answers', {
      params: { path: { id: 'ind-10', queryId } },
      body: { answer: 'Bổ sung số liệu', correction: { value: 1800, reason: 'Bổ sung' } },
      ...as(REPORTER),
    });
    expect(answered.response.status).toBe(201);
    const closed = await api.POST('/indicators/{id}/queries/{queryId}/closure', { params: { path: { id: 'ind-10', queryId } }, body: { conclusion: 'Chấp nhận' }, ...as(KEYS.inspector) });
    expect(closed.response.status).toBe(201);
    // One query left open, for the lists below.
    await api.POST('/indicators/{id}/progress-reports/{reportId}/queries', { params: { path: { id: 'ind-10', reportId } }, body: { question: 'Làm rõ thêm' }, ...as(KEYS.inspector) });

    const revised = await api.POST('/indicators/{id}/target-revisions', {
      params: { path },
      body: { metric: 'new_jobs', value: 6000, reason: 'Covid-19', decisionRef: '230-NQ/TU' },
      ...as(KEYS.standingCommittee),
    });
    expect(revised.response.status).toBe(201);

    const unit = await api.POST('/units', { body: { id: 'phong-van-hoa-thong-tin', name: 'Phòng Văn hóa và Thông tin' }, ...as(KEYS.coordinator) });
    expect(unit.data?.id).toBe('phong-van-hoa-thong-tin');
    const unitPath = { id: 'phong-van-hoa-thong-tin' };
    await api.POST('/units/{id}/renaming', { params: { path: unitPath }, body: { name: 'Phòng Văn hóa, Thông tin', reason: 'Sáp nhập' }, ...as(KEYS.coordinator) });

    const registered = await api.POST('/indicators', {
      body: {
        id: 'task-typed-client',
        resolutionId: 'hl-2021',
        kind: 'task',
        group: 'society',
        section: 'II.3',
        name: 'Tổ chức hội nghị tổng kết',
        responsibleUnitId: 'phong-van-hoa-thong-tin',
        targets: [{ metric: 'completion', label: 'Hoàn thành', kind: 'milestone', dueDate: '2021-12-31' }],
      },
      ...as(KEYS.coordinator),
    });
    expect(registered.data?.id).toBe('task-typed-client');
    const reassigned = await api.POST('/indicators/{id}/reassignments', {
      params: { path: { id: 'task-typed-client' }, header: { 'If-Match': `"${registered.data!.revision}"` } },
      body: { toUnitId: 'phong-lao-dong-thuong-binh-xa-hoi', reason: 'Phân công lại', decisionRef: '215-QĐ/TU' },
      ...as(KEYS.coordinator),
    });
    expect(reassigned.response.status).toBe(201);
    const assessed = await api.POST('/indicators/{id}/assessment', {
      params: { path: { id: 'task-typed-client' } },
      body: { outcome: 'not_achieved', conclusion: 'Chưa tổ chức', decisionRef: '300-NQ/TU' },
      ...as(KEYS.standingCommittee),
    });
    expect(assessed.response.status).toBe(201);
    const deactivated = await api.POST('/units/{id}/deactivation', { params: { path: unitPath }, body: { reason: 'Giải thể', decisionRef: '99-QĐ/TU' }, ...as(KEYS.coordinator) });
    expect(deactivated.response.status).toBe(201);

    // A refusal comes typed too: its code is one of those the operation declares for the status.
    const refused = await api.POST('/indicators/{id}/assessment', {
      params: { path: { id: 'task-typed-client' } },
      body: { outcome: 'achieved', conclusion: 'Lần nữa', decisionRef: '301-NQ/TU' },
      ...as(KEYS.standingCommittee),
    });
    expect(refused.response.status).toBe(422);
    const code: string | undefined = refused.error?.code;
    expect(code).toBe('INDICATOR_CLOSED');
  });

  it('reads every query, each answered as declared', async () => {
    const { data: position } = await api.GET('/audit/digest', as(KEYS.inspector));
    const minPosition = position!.position;
    const indicator = await api.GET('/indicators/{id}', { params: { path: { id: 'ind-10' }, query: { minPosition } }, ...as(KEYS.analyst) });
    expect(indicator.data?.openQueries).toHaveLength(1);
    const asOf = await api.GET('/indicators/{id}', { params: { path: { id: 'ind-10' }, query: { asOf: new Date(Date.now() + 60_000).toISOString() } }, ...as(KEYS.analyst) });
    expect(asOf.data?.id).toBe('ind-10');
    const list = await api.GET('/indicators', { params: { query: { kind: 'indicator', limit: 5 } }, ...as(KEYS.analyst) });
    expect(list.data?.items).toHaveLength(5);
    const history = await api.GET('/indicators/{id}/history', { params: { path: { id: 'ind-10' }, query: { order: 'desc' } }, ...as(KEYS.inspector) });
    expect(new Set(history.data?.items.map((item) => item.type)).size).toBeGreaterThanOrEqual(5);
    const integrity = await api.GET('/indicators/{id}/integrity', { params: { path: { id: 'ind-10' } }, ...as(KEYS.inspector) });
    expect(integrity.data?.valid).toBe(true);

    const units = await api.GET('/units', { params: { query: { active: false } }, ...as(KEYS.analyst) });
    expect(units.data?.items.map((unit) => unit.id)).toContain('phong-van-hoa-thong-tin');
    const unit = await api.GET('/units/{id}', { params: { path: { id: 'phong-lao-dong-thuong-binh-xa-hoi' } }, ...as(KEYS.analyst) });
    expect(unit.data?.id).toBe('phong-lao-dong-thuong-binh-xa-hoi');
    const resolutions = await api.GET('/resolutions', as(KEYS.analyst));
    expect(resolutions.data?.items[0]?.id).toBe('hl-2021');
    const resolution = await api.GET('/resolutions/{id}', { params: { path: { id: 'hl-2021' } }, ...as(KEYS.analyst) });
    expect(resolution.data?.year).toBe(2021);

    const events = await api.GET('/audit/events', { params: { query: { limit: 20 } }, ...as(KEYS.inspector) });
    expect(events.data?.items).toHaveLength(20);
    const queries = await api.GET('/audit/queries', { params: { query: { indicatorId: 'ind-10' } }, ...as(KEYS.inspector) });
    expect(queries.data?.items).toHaveLength(2);
    const reports = await api.GET('/progress-reports', { params: { query: { indicatorId: 'ind-10' } }, ...as(KEYS.inspector) });
    expect(reports.data?.items[0]?.corrections.length).toBeGreaterThan(0);
    const verified = await api.GET('/audit/digest/verify', { params: { query: { digest: position!.digest, position: minPosition } }, ...as(KEYS.inspector) });
    expect(verified.data?.valid).toBe(true);
  });

  it('sends a file to verify and fetches the exports', async () => {
    const cited = await api.POST('/evidence/verify', {
      body: '',
      bodySerializer: () => FILE,
      headers: { Authorization: `Bearer ${KEYS.inspector}`, 'Content-Type': 'application/octet-stream' },
    });
    expect(cited.data?.citedBy).toHaveLength(1);
    const history = await api.GET('/indicators/{id}/history/export', { params: { path: { id: 'ind-10' }, query: { format: 'csv' } }, parseAs: 'text', ...as(KEYS.inspector) });
    expect(history.response.headers.get('content-type')).toContain('text/csv');
    const table = await api.GET('/exports/indicators', { params: { query: { format: 'xlsx' } }, parseAs: 'arrayBuffer', ...as(KEYS.analyst) });
    expect(table.response.status).toBe(200);
  });

  it('reads the reviews, approves one, verifies it and exports it', async () => {
    const listed = await api.GET('/reviews', as(KEYS.analyst));
    expect(listed.data?.items.map((item) => item.period)).toContain('2021-Q2');
    const draft = await api.GET('/reviews/{period}', { params: { path: { period: '2021-Q2' } }, ...as(KEYS.analyst) });
    const state: 'draft' | 'approved' | undefined = draft.data?.state;
    expect(state).toBe('draft');
    expect(draft.data?.content.items.find((item) => item.indicatorId === 'ind-10')?.targets[0]?.latestPeriod).toBe('2021-Q1');
    const refused = await api.POST('/reviews/{period}/approval', { params: { path: { period: '2021-Q2' } }, body: { decisionRef: '15-BB/TU' }, ...as(KEYS.analyst) });
    expect(refused.error?.code).toBe('ROLE_NOT_ALLOWED');
    const approved = await api.POST('/reviews/{period}/approval', {
      params: { path: { period: '2021-Q2' }, header: { 'Idempotency-Key': 'typed-client-review-q2' } },
      body: { decisionRef: '15-BB/TU', meetingDate: '2021-07-19' },
      ...as(KEYS.standingCommittee),
    });
    expect(approved.response.status).toBe(201);
    const verified = await api.GET('/reviews/{period}/approval/verify', { params: { path: { period: '2021-Q2' } }, ...as(KEYS.inspector) });
    expect(verified.data?.valid).toBe(true);
    expect(verified.data?.content.recomputedHash).toBe(verified.data?.approval.contentHash);
    const workbook = await api.GET('/reviews/{period}/export.xlsx', { params: { path: { period: '2021-Q2' } }, parseAs: 'arrayBuffer', ...as(KEYS.inspector) });
    expect(workbook.response.status).toBe(200);
    const page = await api.GET('/reviews/{period}/print', { params: { path: { period: '2021-Q2' } }, parseAs: 'text', ...as(KEYS.inspector) });
    expect(page.data).toContain('Kính gửi: Ban Thường vụ Thành ủy');
  });

  it('has called every operation openapi.json declares, and every answer was as declared', () => {
    const document = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const declared = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect([...called].sort()).toEqual(declared.sort());
    expect(takeUndescribedAnswers()).toEqual([]);
  });
});
