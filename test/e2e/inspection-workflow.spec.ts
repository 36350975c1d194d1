/**
 * The inspection committee's workflow over HTTP: a report with evidence, a query, an answer that
 * corrects the figure, the closure; the worklist, the indicator's open queries, the reports without
 * evidence, and verifying a file against the citations.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-10'; // Tạo việc làm mới cho 6.500 lao động trở lên
const UNIT = 'phong-lao-dong-thuong-binh-xa-hoi';
const REPORTER = KEYS.reporter(UNIT);

const FILE = Buffer.from('%PDF-1.4\nBáo cáo số 112/BC-LĐTBXH: kết quả giải quyết việc làm 6 tháng đầu năm 2021\n', 'utf8');
const FILE_HASH = createHash('sha256').update(FILE).digest('hex');

const bulletin = {
  title: 'Báo cáo kết quả giải quyết việc làm quý I',
  documentRef: '45/BC-LĐTBXH',
  issuedOn: '2021-04-05',
  url: 'https://vanban.halong.gov.vn/45-BC-LDTBXH.pdf',
  sha256: FILE_HASH.toUpperCase(),
};

describe('inspection workflow (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const verify = (body: Buffer, contentType = 'application/octet-stream', apiKey = KEYS.inspector) =>
    request(t.app.getHttpServer()).post('/evidence/verify').set('Authorization', `Bearer ${apiKey}`).set('Content-Type', contentType).send(body);

  it('follows a report from evidence to query, answer with correction, closure and verification', async () => {
    const report = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q1', value: 1700, evidence: [bulletin] }, REPORTER).expect(201);
    const { reportId } = report.body;

    t.clock.set('2021-07-21T02:00:00.000Z');
    const raised = await t.post(`/indicators/${INDICATOR}/progress-reports/${reportId}/queries`, { question: 'Đề nghị làm rõ căn cứ số liệu 1.700 lao động' }, KEYS.inspector).expect(201);
    expect(raised.body).toEqual({ queryId: expect.any(String), revision: 2, position: expect.any(Number) });
    const { queryId } = raised.body;

    const indicator = await t.get(`/indicators/${INDICATOR}?minPosition=${raised.body.position}`).expect(200);
    expect(indicator.body).toMatchObject({
      openQueryCount: 1,
      openQueries: [{ queryId, reportId, metric: 'new_jobs', period: '2021-Q1', status: 'open', question: 'Đề nghị làm rõ căn cứ số liệu 1.700 lao động' }],
    });
    const open = await t.get('/audit/queries?status=open', KEYS.inspector).expect(200);
    expect(open.body).toMatchObject({ total: 1, items: [{ queryId, indicatorId: INDICATOR, reportId, unitId: UNIT, status: 'open', requestedBy: { unitId: 'co-quan-ubkt-thanh-tra' } }] });

    t.clock.set('2021-07-22T02:00:00.000Z');
    const minutes = { title: 'Biên bản rà soát số liệu', documentRef: '12/BB-LĐTBXH', issuedOn: '2021-07-22' };
    const answer = await t
      .post(`/indicators/${INDICATOR}/queries/${queryId}/answers`, { answer: 'Bổ sung 50 lao động của phường Hà Khánh', evidence: [minutes], correction: { value: 1750, reason: 'Rà soát lại số liệu' } }, REPORTER)
      .expect(201);
    // The correction and the answer are one append: two events, one write.
    expect(answer.body.revision).toBe(4);

    const answered = await t.get(`/audit/queries?status=answered&minPosition=${answer.body.position}`, KEYS.analyst).expect(200);
    expect(answered.body.items[0]).toMatchObject({
      queryId,
      status: 'answered',
      answers: [{ answer: 'Bổ sung 50 lao động của phường Hà Khánh', correction: { previousValue: 1700, value: 1750, reason: 'Rà soát lại số liệu' }, evidence: [{ ...minutes, url: null, sha256: null }] }],
    });
    const afterAnswer = await t.get(`/indicators/${INDICATOR}`).expect(200);
    expect(afterAnswer.body.targets[0]).toMatchObject({ latestValue: 1750 });
    expect(afterAnswer.body.openQueries).toEqual([expect.objectContaining({ queryId, status: 'answered', answeredAt: '2021-07-22T02:00:00.000Z' })]);

    t.clock.set('2021-07-23T02:00:00.000Z');
    const closure = await t.post(`/indicators/${INDICATOR}/queries/${queryId}/closure`, { conclusion: 'Chấp nhận giải trình' }, KEYS.inspector).expect(201);
    const closed = await t.get(`/audit/queries?status=closed&minPosition=${closure.body.position}`, REPORTER).expect(200);
    expect(closed.body.items[0]).toMatchObject({ queryId, status: 'closed', closure: { conclusion: 'Chấp nhận giải trình', closedAt: '2021-07-23T02:00:00.000Z' } });
    expect((await t.get('/audit/queries?status=open').expect(200)).body.total).toBe(0);
    expect((await t.get(`/indicators/${INDICATOR}`).expect(200)).body).toMatchObject({ openQueries: [], openQueryCount: 0, counts: { queries: 1, corrections: 1 } });

    const history = await t.get(`/indicators/${INDICATOR}/history`, KEYS.inspector).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'IndicatorRegistered',
      'ProgressReported',
      'ReportQueried',
      'ProgressReportCorrected',
      'ReportQueryAnswered',
      'ReportQueryClosed',
    ]);
    const [, reported, queried, corrected, answeredEntry, closedEntry] = history.body.items;
    expect(reported.evidence).toEqual([{ ...bulletin, sha256: FILE_HASH }]);
    expect(reported.summary).toContain('tài liệu: 45/BC-LĐTBXH ngày 05/04/2021');
    expect(queried).toMatchObject({ queryId, queryMessage: 'Đề nghị làm rõ căn cứ số liệu 1.700 lao động', actor: { unitId: 'co-quan-ubkt-thanh-tra' } });
    expect(corrected).toMatchObject({ queryId, before: { value: 1700 }, after: { value: 1750 } });
    expect(answeredEntry).toMatchObject({ queryId, actor: { unitId: UNIT }, after: { queryStatus: 'answered' } });
    expect(closedEntry.summary).toBe("Kết thúc yêu cầu giải trình báo cáo 'new_jobs' kỳ 2021-Q1; kết luận: Chấp nhận giải trình");

    const reports = await t.get(`/progress-reports?indicatorId=${INDICATOR}`).expect(200);
    expect(reports.body.items).toEqual([
      expect.objectContaining({ reportId, value: 1750, originalValue: 1700, hasEvidence: true, correctionCount: 1, evidence: [expect.objectContaining({ citedIn: 'report', sha256: FILE_HASH }), expect.objectContaining({ citedIn: 'query_answer', documentRef: '12/BB-LĐTBXH' })] }),
    ]);

    const verified = await verify(FILE).expect(200);
    expect(verified.body).toEqual({
      sha256: FILE_HASH,
      size: FILE.length,
      citedBy: [
        {
          indicatorId: INDICATOR,
          reportId,
          metric: 'new_jobs',
          period: '2021-Q1',
          unitId: UNIT,
          title: bulletin.title,
          documentRef: bulletin.documentRef,
          issuedOn: bulletin.issuedOn,
          citedIn: 'report',
          citedAt: '2021-07-20T03:00:00.000Z',
          revision: 1,
        },
      ],
    });
    const altered = Buffer.concat([FILE, Buffer.from(' ')]);
    expect((await verify(altered, 'application/octet-stream', KEYS.analyst).expect(200)).body).toEqual({ sha256: createHash('sha256').update(altered).digest('hex'), size: altered.length, citedBy: [] });
  });

  it('lists the reports no document backs, with filters and pagination', async () => {
    await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, REPORTER).expect(201);
    const last = await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-06', value: 3300 }, REPORTER).expect(201);
    const bare = await t.get(`/progress-reports?indicatorId=ind-10&hasEvidence=false&minPosition=${last.body.position}`, KEYS.inspector).expect(200);
    expect(bare.body.total).toBe(2);
    expect(bare.body.items.map((r: { period: string; hasEvidence: boolean }) => [r.period, r.hasEvidence])).toEqual([
      ['2021-06', false],
      ['2021-Q2', false],
    ]);
    const page = await t.get('/progress-reports?indicatorId=ind-10&hasEvidence=false&limit=1&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: 2, items: [expect.objectContaining({ period: '2021-Q2' })] });
    expect((await t.get('/progress-reports?hasEvidence=true').expect(200)).body.items.map((r: { indicatorId: string }) => r.indicatorId)).toEqual(['ind-10']);
    expect((await t.get(`/progress-reports?unitId=${UNIT}&period=2021-Q2`).expect(200)).body.total).toBe(1);
  });

  describe('verifying a file', () => {
    it('takes raw bytes only', async () => {
      const json = await request(t.app.getHttpServer()).post('/evidence/verify').set('Authorization', `Bearer ${KEYS.inspector}`).send({ file: 'x' }).expect(415);
      expect(json.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect((await verify(Buffer.alloc(0)).expect(400)).body.code).toBe('EMPTY_FILE');
      await request(t.app.getHttpServer()).post('/evidence/verify').set('Content-Type', 'application/octet-stream').send(FILE).expect(401);
    });

    it('refuses a file over 20 MB, and accepts one of exactly 20 MB beyond the JSON body limit', async () => {
      const limit = 20 * 1024 * 1024;
      const tooLarge = await verify(Buffer.alloc(limit + 1, 1)).expect(413);
      expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: limit } });
      const atLimit = await verify(Buffer.alloc(limit, 1)).expect(200);
      expect(atLimit.body).toMatchObject({ size: limit, citedBy: [] });
    });
  });
});
