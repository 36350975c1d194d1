/**
 * A qualitative task (milestone target) over HTTP, end to end: registered, reported by state and
 * narrative, refused a value (and a numeric target refused a state) with a clear code, corrected,
 * queried and answered with a correction, reassigned; its history, integrity, exports, reports
 * list and its answer's OpenAPI schema.
 */
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { KEYS, startTestApp, takeUndescribedAnswers, type TestApp } from '../support/test-app';

const TASK = 'task-e2e-school';
const UNIT = 'ban-qlda-dau-tu-xay-dung';
const NEXT_UNIT = 'phong-quan-ly-do-thi';
const REPORTS = `/indicators/${TASK}/progress-reports`;

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

const csvRows = (body: Buffer): string[][] => parse(body.toString('utf8'), { delimiter: ';', bom: true });

describe('qualitative tasks over HTTP (e2e)', () => {
  let t: TestApp;
  let reportId: string;
  let position: number;

  const registration = (target: object) => ({
    id: TASK,
    resolutionId: 'hl-2021',
    kind: 'task',
    group: 'infrastructure',
    section: 'II.7.1',
    name: 'Hoàn thành trường THPT Hòn Gai (trước ngày 05/9/2021)',
    responsibleUnitId: UNIT,
    responsibilityAssumed: true,
    targets: [target],
  });
  const milestone = { metric: 'completion', label: 'Hoàn thành trường THPT Hòn Gai (trước ngày 05/9/2021)', kind: 'milestone', dueDate: '2021-09-04' };

  beforeAll(async () => {
    t = await startTestApp({ now: '2021-07-05T03:00:00.000Z' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers a task with a milestone target, and refuses a milestone stating a figure or a numeric target without one', async () => {
    const withFigure = await t.post('/indicators', registration({ ...milestone, comparator: '>=', value: 100 }), KEYS.coordinator).expect(422);
    expect(withFigure.body).toMatchObject({ code: 'INVALID_TARGET', details: { problems: [{ field: 'comparator' }, { field: 'value' }] } });
    const numericWithoutGoal = await t.post('/indicators', registration({ metric: 'completion', label: 'Hoàn thành' }), KEYS.coordinator).expect(400);
    expect(numericWithoutGoal.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      ['targets.0.accumulation', 'targets.0.comparator', 'targets.0.measure', 'targets.0.unit'],
    );
    const onIndicator = await t.post('/indicators', { ...registration(milestone), id: 'ind-99', kind: 'indicator', number: 99, supportsIndicators: ['ind-05'] }, KEYS.coordinator).expect(422);
    expect(onIndicator.body.code).toBe('ONLY_TASKS_SUPPORT_INDICATORS');
    const twice = await t.post('/indicators', { ...registration(milestone), supportsIndicators: ['ind-05', 'ind-05'] }, KEYS.coordinator).expect(400);
    expect(twice.body.details.fields[0].field).toBe('supportsIndicators');
    await t.post('/indicators', { ...registration(milestone), supportsIndicators: ['ind-05'] }, KEYS.coordinator).expect(201);
  });

  it('takes a report of the state and narrative, and shows the latest state and its standing', async () => {
    const res = await t
      .post(REPORTS, { metric: 'completion', period: '2021-Q2', state: 'in_progress', narrative: 'Đã thi công xong phần thô' }, KEYS.reporter(UNIT))
      .expect(201);
    reportId = res.body.reportId;
    const { body } = await t.get(`/indicators/${TASK}?minPosition=${res.body.position}`).expect(200);
    expect(body.supportsIndicators).toEqual(['ind-05']);
    expect(body.targets).toEqual([
      expect.objectContaining({ kind: 'milestone', comparator: null, unit: null, latestValue: null, latestState: 'in_progress', latestCompletedOn: null, latestPeriod: '2021-Q2', status: 'on_track' }),
    ]);
  });

  it('refuses a value on a milestone and a state on a numeric target, with a machine-readable code', async () => {
    const value = await t.post(REPORTS, { metric: 'completion', period: '2021-06', value: 100 }, KEYS.reporter(UNIT)).expect(422);
    expect(value.body).toMatchObject({ statusCode: 422, code: 'VALUE_ON_MILESTONE_TARGET', details: { metric: 'completion', fields: ['value'] } });
    const state = await t
      .post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q2', value: 3400, state: 'completed', narrative: 'x' }, KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi'))
      .expect(422);
    expect(state.body).toMatchObject({ code: 'STATE_ON_NUMERIC_TARGET', details: { fields: ['state', 'narrative'] } });
    const noDate = await t.post(REPORTS, { metric: 'completion', period: '2021-06', state: 'completed', narrative: 'Đã bàn giao' }, KEYS.reporter(UNIT)).expect(422);
    expect(noDate.body.code).toBe('COMPLETION_DATE_REQUIRED');
    const noNarrative = await t.post(REPORTS, { metric: 'completion', period: '2021-06', state: 'in_progress' }, KEYS.reporter(UNIT)).expect(422);
    expect(noNarrative.body.code).toBe('NARRATIVE_REQUIRED');
  });

  it('refuses malformed reading fields with 400 and the field named', async () => {
    const fieldsOf = async (body: object) => {
      const res = await t.post(REPORTS, { metric: 'completion', period: '2021-06', ...body }, KEYS.reporter(UNIT)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return res.body.details.fields.map((f: { field: string }) => f.field);
    };
    expect(await fieldsOf({ state: 'done', narrative: 'x' })).toEqual(['state']);
    expect(await fieldsOf({ state: 'completed', narrative: 'x', completedOn: '2021-02-30' })).toEqual(['completedOn']);
    expect(await fieldsOf({ state: 'in_progress', narrative: 42 })).toEqual(['narrative']);
    // A body that says nothing of a milestone is a numeric report, which needs its value.
    expect(await fieldsOf({})).toEqual(['value']);
  });

  it('corrects a state, and the inspector queries it and gets an answer that corrects it again', async () => {
    t.clock.set('2021-07-10T03:00:00.000Z');
    await t
      .post(`${REPORTS}/${reportId}/corrections`, { state: 'completed', narrative: 'Đã hoàn thành, chờ nghiệm thu', completedOn: '2021-06-28', reason: 'Cập nhật tiến độ' }, KEYS.reporter(UNIT))
      .expect(201);
    const raised = await t.post(`${REPORTS}/${reportId}/queries`, { question: 'Đã nghiệm thu chưa? Đề nghị gửi biên bản.' }, KEYS.inspector).expect(201);
    const answer = {
      answer: 'Nghiệm thu ngày 25/6; ngày 28/6 là ngày bàn giao',
      evidence: [{ title: 'Biên bản nghiệm thu', documentRef: '15/BB-QLDA', issuedOn: '2021-06-25' }],
      correction: { state: 'completed', narrative: 'Đã nghiệm thu, bàn giao đưa vào sử dụng', completedOn: '2021-06-25', reason: 'Theo biên bản nghiệm thu' },
    };
    await t.post(`/indicators/${TASK}/queries/${raised.body.queryId}/answers`, answer, KEYS.reporter(UNIT)).expect(201);
    const closed = await t.post(`/indicators/${TASK}/queries/${raised.body.queryId}/closure`, { conclusion: 'Có căn cứ' }, KEYS.inspector).expect(201);
    position = closed.body.position;

    const { body } = await t.get(`/indicators/${TASK}?minPosition=${position}`).expect(200);
    expect(body.targets[0]).toMatchObject({ latestState: 'completed', latestCompletedOn: '2021-06-25', status: 'achieved' });
    expect(body.counts).toMatchObject({ reports: 1, corrections: 2, queries: 1 });
    const reports = await t.get(`/progress-reports?indicatorId=${TASK}&minPosition=${position}`, KEYS.inspector).expect(200);
    expect(reports.body.items[0]).toMatchObject({
      originalValue: null,
      originalState: 'in_progress',
      state: 'completed',
      narrative: 'Đã nghiệm thu, bàn giao đưa vào sử dụng',
      completedOn: '2021-06-25',
      correctionCount: 2,
      hasEvidence: true,
    });
    const queries = await t.get(`/audit/queries?indicatorId=${TASK}&minPosition=${position}`, KEYS.inspector).expect(200);
    expect(queries.body.items[0].answers[0].correction).toMatchObject({ previousState: 'completed', previousCompletedOn: '2021-06-28', completedOn: '2021-06-25' });
  });

  it('moves to another unit by reassignment, whose reporter then reports', async () => {
    await t.post(`/indicators/${TASK}/reassignments`, { toUnitId: NEXT_UNIT, reason: 'Phân công lại', decisionRef: '215-QĐ/TU' }, KEYS.coordinator).expect(201);
    await t.post(REPORTS, { metric: 'completion', period: '2021-07', state: 'completed', narrative: 'Đưa vào sử dụng', completedOn: '2021-06-25' }, KEYS.reporter(UNIT)).expect(422);
    const res = await t.post(REPORTS, { metric: 'completion', period: '2021-07', state: 'completed', narrative: 'Đưa vào sử dụng', completedOn: '2021-06-25' }, KEYS.reporter(NEXT_UNIT)).expect(201);
    position = res.body.position;
  });

  it('keeps a Vietnamese history, an intact chain, and exports the states', async () => {
    const history = (await t.get(`/indicators/${TASK}/history?minPosition=${position}`, KEYS.inspector).expect(200)).body.items;
    const summaries: string[] = history.map((entry: { summary: string }) => entry.summary);
    expect(summaries[1]).toBe(`Đơn vị ${UNIT} báo cáo 'completion' kỳ 2021-Q2: Đang triển khai; kết quả: Đã thi công xong phần thô`);
    expect(summaries[2]).toContain('Đang triển khai → Hoàn thành ngày 28/06/2021; kết quả: Đã hoàn thành, chờ nghiệm thu; lý do: Cập nhật tiến độ');
    expect(summaries.some((summary) => summary.includes('kèm đính chính Hoàn thành ngày 28/06/2021 → Hoàn thành ngày 25/06/2021'))).toBe(true);
    expect(history[1].after).toEqual({ state: 'in_progress', narrative: 'Đã thi công xong phần thô', completedOn: null });

    const integrity = (await t.get(`/indicators/${TASK}/integrity`, KEYS.inspector).expect(200)).body;
    expect(integrity).toMatchObject({ valid: true, events: history.length });

    const historyCsv = await t.get(`/indicators/${TASK}/history/export?format=csv`, KEYS.inspector).buffer(true).parse(binary).expect(200);
    const [header, , reported, corrected] = csvRows(historyCsv.body);
    expect(header.slice(-3)).toEqual(['Tình hình thực hiện trước', 'Tình hình thực hiện sau', 'Kết quả thực hiện']);
    expect(reported.slice(-3)).toEqual(['', 'Đang triển khai', 'Đã thi công xong phần thô']);
    expect(corrected.slice(-3)).toEqual(['Đang triển khai', 'Hoàn thành ngày 28/06/2021', 'Đã hoàn thành, chờ nghiệm thu']);

    const table = await t.get(`/exports/indicators?format=csv&unit=${NEXT_UNIT}`, KEYS.analyst).buffer(true).parse(binary).expect(200);
    const row = csvRows(table.body).find((cells) => cells[0] === TASK) as string[];
    expect(row.slice(7, 10)).toEqual(['hoàn thành, hạn 04/09/2021', '', '']);
    expect(row.slice(-2)).toEqual(['Hoàn thành', '25/06/2021']);
  });

  it('answers as openapi.json says, every object closed', async () => {
    await t.get(`/indicators/${TASK}?minPosition=${position}`).expect(200);
    await t.get(`/progress-reports?indicatorId=${TASK}`, KEYS.inspector).expect(200);
    await t.get(`/audit/queries?indicatorId=${TASK}`, KEYS.inspector).expect(200);
    // Each answer checked against the document as it was sent (test/support/openapi-contract.ts).
    expect(takeUndescribedAnswers()).toEqual([]);
  });
});
