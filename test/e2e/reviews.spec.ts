/**
 * The quarterly review over HTTP: the periods, a period's review as of its end, the approval that
 * freezes it, what is recorded after it, and who may do what.
 */
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const LABOUR = KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi');
const COVID_TASK = 'task-covid-5k';
const HEALTH_CENTRE = KEYS.reporter('trung-tam-y-te-thanh-pho');

type Line = { metric: string; latestValue: number | null; latestState: string | null; status: string; change: string | null; previous: { latestValue: number | null; latestState: string | null } | null };
type Item = { indicatorId: string; responsibleUnitName: string | null; targets: Line[] };
const itemOf = (body: { content: { items: Item[] } }, id: string) => body.content.items.find((item) => item.indicatorId === id)!;

describe('the quarterly review (e2e)', () => {
  let t: TestApp;
  let q1ReportId: string;
  let q3ReportId: string;

  beforeAll(async () => {
    // The app's clock stands at 20 July 2021: the first half-year is over, the third quarter under way.
    t = await startTestApp();
    q1ReportId = (await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, LABOUR).expect(201)).body.reportId;
    await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, LABOUR).expect(201);
    q3ReportId = (await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-07', value: 4100 }, LABOUR).expect(201)).body.reportId;
    await t.post(`/indicators/${COVID_TASK}/progress-reports`, { metric: 'completion', period: '2021-Q1', state: 'not_started', narrative: 'Xây dựng kế hoạch' }, HEALTH_CENTRE).expect(201);
    await t.post(`/indicators/${COVID_TASK}/progress-reports`, { metric: 'completion', period: '2021-Q2', state: 'in_progress', narrative: 'Kiểm tra 5K tại 33 phường' }, HEALTH_CENTRE).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists the reviewable periods with their state', async () => {
    const { body } = await t.get('/reviews').expect(200);
    expect(body.items.map((item: { period: string }) => item.period)).toEqual(['2021-Q1', '2021-Q2', '2021-H1', '2021-Q3', '2021-Q4', '2021']);
    expect(body.items.map((item: { periodOver: boolean }) => item.periodOver)).toEqual([true, true, true, false, false, false]);
    expect(body.items[1]).toMatchObject({ resolutionId: 'hl-2021', periodStart: '2021-04-01', periodEnd: '2021-06-30', previousPeriod: '2021-Q1', state: 'draft', approval: null });
  });

  it('shows each figure as of the period’s end: the July figure never reaches the Q2 review', async () => {
    const { body } = await t.get('/reviews/2021-Q2').expect(200);
    expect(body).toMatchObject({ period: '2021-Q2', state: 'draft', periodOver: true, approval: null, changedSinceApproval: null });
    expect(itemOf(body, 'ind-10').targets[0]).toMatchObject({ latestValue: 3400, latestPeriod: '2021-Q2', previous: { latestValue: 1700 }, change: 'improved', reportedForPeriod: true });
    expect(JSON.stringify(body)).not.toContain(q3ReportId);
    expect(JSON.stringify(body)).not.toContain('4100');
    const q3 = await t.get('/reviews/2021-Q3').expect(200);
    expect(itemOf(q3.body, 'ind-10').targets[0]).toMatchObject({ latestValue: 4100, previous: { latestValue: 3400 } });
  });

  it('shows qualitative tasks with their states and their move', async () => {
    const { body } = await t.get('/reviews/2021-Q2').expect(200);
    expect(itemOf(body, COVID_TASK).targets[0]).toMatchObject({ kind: 'milestone', latestState: 'in_progress', status: 'on_track', previous: { latestState: 'not_started' }, change: 'improved' });
  });

  it('lists the period’s activity, the missing reports by unit and the totals', async () => {
    const { body } = await t.get('/reviews/2021-Q2').expect(200);
    const { recorded, missingReports, totals } = body.content;
    expect(recorded.counts.reports).toBe(2);
    expect(recorded.entries.map((e: { period: string }) => e.period)).toEqual(['2021-Q2', '2021-Q2']);
    const units = missingReports.map((unit: { unitId: string }) => unit.unitId);
    const healthCentre = missingReports.find((unit: { unitId: string }) => unit.unitId === 'trung-tam-y-te-thanh-pho');
    expect(healthCentre.items.map((item: { indicatorId: string }) => item.indicatorId)).not.toContain(COVID_TASK);
    expect(units).toEqual([...units].sort());
    const labour = missingReports.find((unit: { unitId: string }) => unit.unitId === 'phong-lao-dong-thuong-binh-xa-hoi');
    expect(labour?.items.map((item: { indicatorId: string }) => item.indicatorId) ?? []).not.toContain('ind-10');
    expect(totals.indicators).toBe(20);
    expect(totals.targets).toBe(body.content.items.reduce((n: number, item: Item) => n + item.targets.length, 0));
    expect(totals.byGroup.reduce((n: number, g: { targets: number }) => n + g.targets, 0)).toBe(totals.targets);
  });

  it('refuses periods that cannot be reviewed', async () => {
    expect((await t.get('/reviews/2021-05').expect(400)).body.code).toBe('INVALID_REVIEW_PERIOD');
    expect((await t.get('/reviews/2022-Q1').expect(404)).body.code).toBe('RESOLUTION_NOT_FOUND');
    expect((await t.get('/reviews/2021-Q2/approval/verify', KEYS.inspector).expect(404)).body.code).toBe('REVIEW_NOT_APPROVED');
  });

  it('lets only the standing committee approve, once, after the period is over', async () => {
    const body = { decisionRef: '15-BB/TU', meetingDate: '2021-07-15', note: 'Sơ kết quý II' };
    expect((await t.post('/reviews/2021-Q2/approval', body, LABOUR).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.post('/reviews/2021-Q2/approval', body, KEYS.inspector).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await t.post('/reviews/2021-Q3/approval', body, KEYS.standingCommittee).expect(422)).body.code).toBe('REVIEW_PERIOD_NOT_OVER');
    expect((await t.post('/reviews/2021-H2/approval', body, KEYS.standingCommittee).expect(400)).body.code).toBe('INVALID_REVIEW_PERIOD');
    expect((await t.post('/reviews/2021-Q2/approval', { ...body, meetingDate: '2021-08-01' }, KEYS.standingCommittee).expect(422)).body.code).toBe('MEETING_DATE_IN_FUTURE');

    t.clock.set('2021-07-22T03:00:00.000Z');
    const first = await t.post('/reviews/2021-Q2/approval', body, KEYS.standingCommittee).set('Idempotency-Key', 'approve-q2').expect(201);
    const retried = await t.post('/reviews/2021-Q2/approval', body, KEYS.standingCommittee).set('Idempotency-Key', 'approve-q2').expect(201);
    expect(retried.body).toEqual(first.body);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect((await t.post('/reviews/2021-Q2/approval', body, KEYS.standingCommittee).expect(422)).body.code).toBe('REVIEW_ALREADY_APPROVED');
  });

  it('serves the approved review as approved; a correction recorded later shows beside it and changes nothing in it', async () => {
    const before = (await t.get('/reviews/2021-Q2').expect(200)).body;
    expect(before.state).toBe('approved');
    expect(before.approval).toMatchObject({ decisionRef: '15-BB/TU', meetingDate: '2021-07-15', streamId: 'review-hl-2021-2021-Q2', approvedBy: { id: expect.any(String) } });
    expect(before.contentHash).toBe(before.approval.contentHash);
    expect(before.changedSinceApproval).toEqual({ contentChanged: false, currentContentHash: before.contentHash, targets: [], events: [] });

    t.clock.set('2021-07-25T03:00:00.000Z');
    const correction = await t.post(`/indicators/ind-10/progress-reports/${q1ReportId}/corrections`, { value: 1800, reason: 'Số liệu chính thức' }, LABOUR).expect(201);
    const after = (await t.get('/reviews/2021-Q2').expect(200)).body;
    expect(after.content).toEqual(before.content);
    expect(after.contentHash).toBe(before.contentHash);
    expect(after.changedSinceApproval.contentChanged).toBe(true);
    expect(after.changedSinceApproval.currentContentHash).not.toBe(before.contentHash);
    // The Q1 figure is the previous quarter's standing in the Q2 review: that is what now reads differently.
    expect(after.changedSinceApproval.targets).toEqual([
      { indicatorId: 'ind-10', metric: 'new_jobs', fields: ['previous'], approved: { previous: expect.objectContaining({ latestValue: 1700 }) }, current: { previous: expect.objectContaining({ latestValue: 1800 }) } },
    ]);
    expect(after.changedSinceApproval.events).toEqual([expect.objectContaining({ indicatorId: 'ind-10', type: 'ProgressReportCorrected', position: correction.body.position })]);

    // A responsible unit renamed since: its new name is not in the approved content, and the renaming is listed.
    const renamed = await t.post('/units/trung-tam-y-te-thanh-pho/renaming', { name: 'Trung tâm Y tế thành phố Hạ Long', reason: 'Sắp xếp tổ chức' }, KEYS.coordinator).expect(201);
    const later = (await t.get(`/reviews/2021-Q2?minPosition=${renamed.body.position}`).expect(200)).body;
    expect(itemOf(later, COVID_TASK)).toMatchObject({ responsibleUnitName: itemOf(before, COVID_TASK).responsibleUnitName });
    expect(later.changedSinceApproval.events.map((e: { type: string; indicatorId: string | null }) => [e.type, e.indicatorId])).toEqual([
      ['ProgressReportCorrected', 'ind-10'],
      ['UnitRenamed', null],
    ]);

    // Before the approval, the review was a draft; the list says approved now.
    const draft = (await t.get('/reviews/2021-Q2?asOf=2021-07-21T00:00:00%2B07:00').expect(200)).body;
    expect(draft.state).toBe('draft');
    const list = (await t.get('/reviews').expect(200)).body;
    expect(list.items[1]).toMatchObject({ period: '2021-Q2', state: 'approved', approval: { decisionRef: '15-BB/TU' } });
  });

  it('lets every reader verify the approved review against the ledger', async () => {
    for (const key of [KEYS.inspector, KEYS.analyst, LABOUR]) {
      const { body } = await t.get('/reviews/2021-Q2/approval/verify', key).expect(200);
      expect(body).toMatchObject({ valid: true, failures: [], content: { matches: true }, auditDigest: { matches: true, chainsValid: true }, approvalEvent: { valid: true } });
    }
  });
});
