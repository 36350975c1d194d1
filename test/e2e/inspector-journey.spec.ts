/**
 * The journey an inspector cares about, over HTTP: seed → a unit reports → another unit is refused
 * → reassignment → the old unit is refused, the new one reports → target revision → correction →
 * the history shows every step, in order, with who, why and before → after.
 */
import request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-10'; // Tạo việc làm mới cho 6.500 lao động trở lên
const FIRST_UNIT = 'phong-lao-dong-thuong-binh-xa-hoi';
const SECOND_UNIT = 'phong-kinh-te';
const OUTSIDER = 'phong-tai-chinh-ke-hoach';

describe('inspector journey (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('follows one indicator from seed to a complete, ordered audit history', async () => {
    const seeded = await t.get(`/indicators/${INDICATOR}`).expect(200);
    expect(seeded.body).toMatchObject({ id: INDICATOR, number: 10, kind: 'indicator', responsibleUnitId: FIRST_UNIT, revision: 0 });
    expect(seeded.body.targets).toEqual([expect.objectContaining({ metric: 'new_jobs', comparator: '>=', value: 6500, status: 'no_data', latestValue: null })]);

    const q1 = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q1', value: 1700, note: 'Số liệu quý I' }, KEYS.reporter(FIRST_UNIT)).expect(201);
    expect(q1.body).toEqual({ reportId: expect.any(String), revision: 1, position: expect.any(Number) });

    const outsider = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q2', value: 3000 }, KEYS.reporter(OUTSIDER)).expect(422);
    expect(outsider.body).toMatchObject({ statusCode: 422, code: 'NOT_RESPONSIBLE_UNIT' });

    t.clock.set('2021-07-21T02:00:00.000Z');
    await t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: SECOND_UNIT, reason: 'Phân công lại theo chức năng', decisionRef: '215-QĐ/TU', expectedRevision: 1 }, KEYS.coordinator).expect(201);

    const oldUnit = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, KEYS.reporter(FIRST_UNIT)).expect(422);
    expect(oldUnit.body.code).toBe('NOT_RESPONSIBLE_UNIT');
    t.clock.set('2021-07-22T02:00:00.000Z');
    await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, KEYS.reporter(SECOND_UNIT)).expect(201);

    t.clock.set('2021-07-23T02:00:00.000Z');
    await t.post(`/indicators/${INDICATOR}/target-revisions`, { metric: 'new_jobs', value: 6000, reason: 'Ảnh hưởng của dịch Covid-19', decisionRef: '230-NQ/TU' }, KEYS.standingCommittee).expect(201);

    t.clock.set('2021-07-24T02:00:00.000Z');
    const correction = await t.post(`/indicators/${INDICATOR}/progress-reports/${q1.body.reportId}/corrections`, { value: 1750, reason: 'Số liệu chính thức của Chi cục Thống kê' }, KEYS.reporter(SECOND_UNIT)).expect(201);
    expect(correction.body).toEqual({ revision: 5, position: expect.any(Number) });

    const history = await t.get(`/indicators/${INDICATOR}/history?minPosition=${correction.body.position}`, KEYS.inspector).expect(200);
    // The page is sent as ready bytes (src/http/json-bytes.ts): the same JSON, headers and length as any answer.
    expect(history.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(history.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(history.body)));
    const again = await t.get(`/indicators/${INDICATOR}/history`, KEYS.inspector).expect(200);
    expect(again.text).toBe(history.text);
    const head = await request(t.app.getHttpServer()).head(`/indicators/${INDICATOR}/history`).set('Authorization', `Bearer ${KEYS.inspector}`).expect(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.text ?? '').toBe('');
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'IndicatorRegistered',
      'ProgressReported',
      'ResponsibilityReassigned',
      'ProgressReported',
      'TargetRevised',
      'ProgressReportCorrected',
    ]);
    const [registered, reported, reassigned, reportedAgain, revised, corrected] = history.body.items;
    expect(registered).toMatchObject({ revision: 0, actor: { id: 'system-seed' } });
    expect(reported).toMatchObject({ revision: 1, actor: { id: expect.any(String), unitId: FIRST_UNIT }, period: '2021-Q1', after: { value: 1700 } });
    expect(reassigned).toMatchObject({
      revision: 2,
      actor: { unitId: 'van-phong-thanh-uy' },
      recordedAt: '2021-07-21T02:00:00.000Z',
      reason: 'Phân công lại theo chức năng',
      decisionRef: '215-QĐ/TU',
      before: { responsibleUnitId: FIRST_UNIT },
      after: { responsibleUnitId: SECOND_UNIT },
    });
    expect(reportedAgain).toMatchObject({ revision: 3, actor: { unitId: SECOND_UNIT }, period: '2021-Q2', after: { value: 3400 } });
    expect(revised).toMatchObject({ revision: 4, reason: 'Ảnh hưởng của dịch Covid-19', decisionRef: '230-NQ/TU', before: { value: 6500 }, after: { value: 6000 } });
    expect(corrected).toMatchObject({ revision: 5, reason: 'Số liệu chính thức của Chi cục Thống kê', before: { value: 1700 }, after: { value: 1750 }, period: '2021-Q1' });
    expect(reassigned.summary).toContain(SECOND_UNIT);
    expect(corrected.summary).toContain('1.750');

    const now = await t.get(`/indicators/${INDICATOR}?minPosition=${correction.body.position}`).expect(200);
    expect(now.body).toMatchObject({ responsibleUnitId: SECOND_UNIT, revision: 5, counts: { reports: 2, corrections: 1, revisions: 1, reassignments: 1 } });
    // H1 figure 3.400 against the pro-rata half of 6.000: on track.
    expect(now.body.targets[0]).toMatchObject({ value: 6000, latestValue: 3400, latestPeriod: '2021-Q2', status: 'on_track' });

    const unit = await t.get(`/units/${SECOND_UNIT}?minPosition=${correction.body.position}`).expect(200);
    expect(unit.body.responsibleFor.map((i: { id: string }) => i.id)).toContain(INDICATOR);
    const previous = await t.get(`/units/${FIRST_UNIT}`).expect(200);
    expect(previous.body.responsibleFor.map((i: { id: string }) => i.id)).not.toContain(INDICATOR);
  });

  it('lists the seeded resolution with filters', async () => {
    const all = await t.get('/indicators?kind=indicator').expect(200);
    expect(all.body.total).toBe(20);
    expect(all.body.items.map((i: { number: number }) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const economy = await t.get('/indicators?group=economy&kind=indicator').expect(200);
    expect(economy.body.items.map((i: { number: number }) => i.number)).toEqual([4, 5, 6, 7, 8, 9]);
    const byUnit = await t.get(`/indicators?unit=${SECOND_UNIT}`).expect(200);
    expect(byUnit.body.items.length).toBeGreaterThan(0);
    expect(byUnit.body.items.every((i: { responsibleUnitId: string }) => i.responsibleUnitId === SECOND_UNIT)).toBe(true);
    const onTrack = await t.get('/indicators?status=on_track').expect(200);
    expect(onTrack.body.items.map((i: { id: string }) => i.id)).toContain(INDICATOR);
    const tasks = await t.get('/indicators?kind=task&limit=5&offset=0').expect(200);
    expect(tasks.body.items).toHaveLength(5);
    expect(tasks.body.total).toBeGreaterThan(5);
  });
});

describe('the resolution itself (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows the seeded resolution with its frame and what hangs on it', async () => {
    const list = await t.get('/resolutions').expect(200);
    expect(list.body.total).toBe(1);
    const resolution = await t.get('/resolutions/hl-2021').expect(200);
    expect(resolution.body).toMatchObject({
      id: 'hl-2021',
      year: 2021,
      issuingBody: 'Ban Chấp hành Đảng bộ thành phố Hạ Long',
      parentResolution: expect.stringContaining('02-NQ/TU'),
      counts: { indicators: 20 },
    });
    expect(resolution.body.counts.tasks).toBeGreaterThan(0);
    expect((await t.get('/resolutions/hl-2020').expect(404)).body.code).toBe('RESOLUTION_NOT_FOUND');
  });
});
