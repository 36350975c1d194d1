/** Bad input to the evidence and inspection endpoints: always a clear 4xx with a code, never a write. */
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-10';
const REPORTER = KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi');
const good = { title: 'Báo cáo', documentRef: '45/BC-LĐTBXH', issuedOn: '2021-04-05' };

describe('inspection bad input (e2e)', () => {
  let t: TestApp;
  let reportId: string;
  let queryId: string;

  beforeAll(async () => {
    t = await startTestApp();
    reportId = (await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, REPORTER).expect(201)).body.reportId;
    queryId = (await t.post(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, { question: 'Căn cứ?' }, KEYS.inspector).expect(201)).body.queryId;
  });

  afterAll(async () => {
    await t.close();
  });

  async function refused(url: string, body: unknown, apiKey: string, status: number, code: string, field?: string) {
    const before = await t.eventStore.headPosition();
    const response = await t.post(url, body, apiKey).expect(status);
    expect(response.body).toMatchObject({ statusCode: status, code });
    if (field) expect(response.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await t.eventStore.headPosition()).toBe(before);
  }

  const report = (evidence: unknown) => ({ metric: 'new_jobs', period: '2021-Q2', value: 3000, evidence });

  it.each([
    ['evidence that is not a list', 'x', 'evidence'],
    ['an item that is not an object', ['x'], 'evidence.0'],
    ['a missing title', [{ ...good, title: undefined }], 'evidence.0.title'],
    ['an empty document reference', [{ ...good, documentRef: '' }], 'evidence.0.documentRef'],
    ['a date that is not YYYY-MM-DD', [{ ...good, issuedOn: '05/04/2021' }], 'evidence.0.issuedOn'],
    ['an impossible date', [{ ...good, issuedOn: '2021-02-30' }], 'evidence.0.issuedOn'],
    ['a url that is not http(s)', [{ ...good, url: 'javascript:alert(1)' }], 'evidence.0.url'],
    ['a short hash', [{ ...good, sha256: 'abc' }], 'evidence.0.sha256'],
    ['an unknown field', [{ ...good, signedBy: 'x' }], 'evidence.0.signedBy'],
    ['21 items', Array.from({ length: 21 }, (_, i) => ({ ...good, documentRef: `${i}/BC` })), 'evidence'],
  ])('refuses %s with 400', async (_name, evidence, field) => {
    await refused(`/indicators/${INDICATOR}/progress-reports`, report(evidence), REPORTER, 400, 'VALIDATION_FAILED', field);
  });

  it('refuses a document dated after the day it is cited, and one cited twice, with 422', async () => {
    await refused(`/indicators/${INDICATOR}/progress-reports`, report([{ ...good, issuedOn: '2021-07-21' }]), REPORTER, 422, 'EVIDENCE_ISSUED_IN_FUTURE');
    await refused(`/indicators/${INDICATOR}/progress-reports`, report([good, good]), REPORTER, 422, 'DUPLICATE_EVIDENCE');
    await refused(`/indicators/${INDICATOR}/progress-reports/${reportId}/corrections`, { value: 1710, reason: 'x', evidence: [{ ...good, issuedOn: '2022-01-01' }] }, REPORTER, 422, 'EVIDENCE_ISSUED_IN_FUTURE');
  });

  it('validates the query bodies', async () => {
    await refused(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, {}, KEYS.inspector, 400, 'VALIDATION_FAILED', 'question');
    await refused(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, { question: '   ' }, KEYS.inspector, 422, 'QUESTION_REQUIRED');
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'x', correction: { value: '1750', reason: 'x' } }, REPORTER, 400, 'VALIDATION_FAILED', 'correction.value');
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'x', correction: { value: 1750 } }, REPORTER, 400, 'VALIDATION_FAILED', 'correction.reason');
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/closure`, { conclusion: '' }, KEYS.inspector, 400, 'VALIDATION_FAILED', 'conclusion');
  });

  it('answers 404 for an unknown report, query or indicator, and 400 for a malformed id', async () => {
    await refused(`/indicators/${INDICATOR}/progress-reports/no-such-report/queries`, { question: 'x' }, KEYS.inspector, 404, 'REPORT_NOT_FOUND');
    await refused(`/indicators/${INDICATOR}/queries/no-such-query/answers`, { answer: 'x' }, REPORTER, 404, 'QUERY_NOT_FOUND');
    await refused(`/indicators/ind-99/queries/${queryId}/closure`, { conclusion: 'x' }, KEYS.inspector, 404, 'INDICATOR_NOT_FOUND');
    await refused(`/indicators/${INDICATOR}/queries/NOT_AN_ID/answers`, { answer: 'x' }, REPORTER, 400, 'INVALID_ID');
  });

  it('refuses to close an unanswered query', async () => {
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/closure`, { conclusion: 'x' }, KEYS.inspector, 422, 'QUERY_NOT_ANSWERED');
  });

  it('writes neither the answer nor the correction when the correction is refused', async () => {
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'x', correction: { value: 1700, reason: 'x' } }, REPORTER, 422, 'CORRECTION_CHANGES_NOTHING');
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'x', correction: { value: 17.5, reason: 'x' } }, REPORTER, 422, 'VALUE_OUT_OF_RANGE');
  });

  it('after the final assessment: answers and closure go on, corrections in an answer are refused', async () => {
    const assessed = await t.post(`/indicators/${INDICATOR}/assessment`, { outcome: 'not_achieved', conclusion: 'Chưa đạt', decisionRef: '150-BC/TU' }, KEYS.standingCommittee).expect(201);
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'x', correction: { value: 1750, reason: 'x' } }, REPORTER, 422, 'INDICATOR_CLOSED');
    await t.post(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'Số liệu đã được thẩm định' }, REPORTER).expect(201);
    const closed = await t.post(`/indicators/${INDICATOR}/queries/${queryId}/closure`, { conclusion: 'Chấp nhận' }, KEYS.inspector).expect(201);
    expect(closed.body.revision).toBe(assessed.body.revision + 2);
    await t.post(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, { question: 'Câu hỏi sau đánh giá' }, KEYS.inspector).expect(201);
    await refused(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'x' }, REPORTER, 422, 'QUERY_CLOSED');
  });

  it('refuses bad filters on the read endpoints', async () => {
    for (const url of ['/audit/queries?status=pending', '/audit/queries?limit=0', '/progress-reports?hasEvidence=maybe', '/progress-reports?period=Q1', '/progress-reports?unitId=A%20B']) {
      expect((await t.get(url).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
  });
});
