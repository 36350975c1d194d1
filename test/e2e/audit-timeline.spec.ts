/**
 * The indicator as known at a moment, its filtered history, and the global audit log, over HTTP.
 * One indicator's year, each step recorded on a different day by the manual clock:
 *
 *   2021-01-05  seeded (registration)          2021-06-20  target revised 6.500 → 6.000
 *   2021-04-05  Q1 reported: 1.700             2021-08-10  Q2 reported late: 3.400
 *   2021-05-10  reassigned to phòng Kinh tế    2021-08-11  Q1 corrected: 1.700 → 1.750
 */
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-10';
const FIRST_UNIT = 'phong-lao-dong-thuong-binh-xa-hoi';
const SECOND_UNIT = 'phong-kinh-te';
const SEEDED_AT = '2021-01-05T02:00:00.000Z';

interface Entry {
  revision: number;
  type: string;
  recordedAt: string;
  actor: { id: string; unitId: string | null };
}

describe('audit timeline (e2e)', () => {
  let t: TestApp;
  let lastPosition: number;

  beforeAll(async () => {
    t = await startTestApp({ now: SEEDED_AT });
    const at = async (instant: string, send: () => Promise<{ body: { position: number; reportId?: string } }>) => {
      t.clock.set(instant);
      const { body } = await send();
      lastPosition = body.position;
      return body;
    };
    const q1 = await at('2021-04-05T02:00:00.000Z', () =>
      t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, KEYS.reporter(FIRST_UNIT)).expect(201),
    );
    await at('2021-05-10T02:00:00.000Z', () =>
      t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: SECOND_UNIT, reason: 'Phân công lại', decisionRef: '215-QĐ/TU' }, KEYS.coordinator).expect(201),
    );
    await at('2021-06-20T02:00:00.000Z', () =>
      t.post(`/indicators/${INDICATOR}/target-revisions`, { metric: 'new_jobs', value: 6000, reason: 'Ảnh hưởng của dịch Covid-19', decisionRef: '230-NQ/TU' }, KEYS.standingCommittee).expect(201),
    );
    await at('2021-08-10T02:00:00.000Z', () =>
      t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, KEYS.reporter(SECOND_UNIT)).expect(201),
    );
    await at('2021-08-11T02:00:00.000Z', () =>
      t.post(`/indicators/${INDICATOR}/progress-reports/${q1.reportId}/corrections`, { value: 1750, reason: 'Số liệu chính thức' }, KEYS.reporter(SECOND_UNIT)).expect(201),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  describe('GET /indicators/{id}?asOf=', () => {
    const asOf = (instant: string) => t.get(`/indicators/${INDICATOR}?asOf=${encodeURIComponent(instant)}`);

    it('as known on 30 June: the new unit and the revised target, but not the Q2 report filed in August', async () => {
      const { body } = await asOf('2021-06-30T23:59:59+07:00').expect(200);
      expect(body).toMatchObject({ id: INDICATOR, asOf: '2021-06-30T16:59:59.000Z', responsibleUnitId: SECOND_UNIT, revision: 3 });
      expect(body.targets[0]).toMatchObject({ metric: 'new_jobs', value: 6000, latestValue: 1700, latestPeriod: '2021-Q1' });
      expect(body.counts).toMatchObject({ reports: 1, corrections: 0, revisions: 1, reassignments: 1 });
    });

    it('as known today the Q2 figure is there, and Q1 is corrected: the reporting period does not decide, the recorded time does', async () => {
      const today = (await t.get(`/indicators/${INDICATOR}?minPosition=${lastPosition}`).expect(200)).body;
      expect(today.targets[0]).toMatchObject({ latestValue: 3400, latestPeriod: '2021-Q2' });
      const { body } = await asOf('2021-12-31T23:59:59+07:00').expect(200);
      const { asOf: moment, ...sameShape } = body;
      expect(moment).toBe('2021-12-31T16:59:59.000Z');
      expect(sameShape).toEqual(today);
    });

    it('before any report: registered, no data, the original unit and target', async () => {
      const { body } = await asOf('2021-03-31T23:59:59+07:00').expect(200);
      expect(body).toMatchObject({ revision: 0, responsibleUnitId: FIRST_UNIT });
      expect(body.targets[0]).toMatchObject({ value: 6500, latestValue: null, status: 'no_data' });
    });

    it('includes an event recorded exactly at the moment, not one a millisecond later', async () => {
      expect((await asOf('2021-04-05T09:00:00+07:00').expect(200)).body.targets[0].latestValue).toBe(1700);
      expect((await asOf('2021-04-05T08:59:59.999+07:00').expect(200)).body.targets[0].latestValue).toBeNull();
    });

    it('a moment before the registration is a 404 that says so', async () => {
      const { body } = await asOf('2021-01-04T23:59:59+07:00').expect(404);
      expect(body).toMatchObject({ code: 'INDICATOR_NOT_YET_REGISTERED', details: { registeredAt: SEEDED_AT } });
      expect((await t.get('/indicators/ind-99?asOf=2021-06-30T00:00:00Z').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
    });

    it.each([
      ['a date only', 'asOf=2021-06-30'],
      ['no offset', 'asOf=2021-06-30T23:59:59'],
      ['30 February', 'asOf=2021-02-30T00:00:00Z'],
      ['words', 'asOf=last%20June'],
      ['empty', 'asOf='],
      ['two values', 'asOf=2021-06-30T00:00:00Z&asOf=2021-07-30T00:00:00Z'],
      ['an operator', 'asOf[$lte]=2021-06-30T00:00:00Z'],
    ])('%s is a 400', async (_what, query) => {
      expect((await t.get(`/indicators/${INDICATOR}?${query}`).expect(400)).body.statusCode).toBe(400);
    });
  });

  describe('GET /indicators/{id}/history filters and pages', () => {
    const history = async (query = '') => (await t.get(`/indicators/${INDICATOR}/history?minPosition=${lastPosition}${query}`, KEYS.inspector).expect(200)).body;
    const revisions = (body: { items: Entry[] }) => body.items.map((e) => e.revision);

    it('without filters: every entry oldest first, with total and the page it is', async () => {
      const body = await history();
      expect(body).toMatchObject({ total: 6, limit: 200, offset: 0, order: 'asc' });
      expect(body.items.map((e: Entry) => e.type)).toEqual([
        'IndicatorRegistered',
        'ProgressReported',
        'ResponsibilityReassigned',
        'TargetRevised',
        'ProgressReported',
        'ProgressReportCorrected',
      ]);
      expect(body.items[2]).toMatchObject({ before: { responsibleUnitId: FIRST_UNIT }, after: { responsibleUnitId: SECOND_UNIT }, decisionRef: '215-QĐ/TU' });
    });

    it('by recorded time, both ends included', async () => {
      expect(revisions(await history('&from=2021-05-01T00:00:00%2B07:00&to=2021-06-30T23:59:59%2B07:00'))).toEqual([2, 3]);
      expect(revisions(await history('&from=2021-08-10T09:00:00%2B07:00'))).toEqual([4, 5]);
      expect(revisions(await history('&to=2021-04-05T02:00:00Z'))).toEqual([0, 1]);
    });

    it('by type, one or several', async () => {
      expect(revisions(await history('&type=ProgressReported'))).toEqual([1, 4]);
      expect(revisions(await history('&type=ProgressReported,ProgressReportCorrected'))).toEqual([1, 4, 5]);
      expect(revisions(await history('&type=TargetRevised&type=ResponsibilityReassigned'))).toEqual([2, 3]);
    });

    it('by actor and by the actor’s unit', async () => {
      const all = await history();
      const coordinatorId = all.items[2].actor.id;
      expect(revisions(await history(`&actor=${coordinatorId}`))).toEqual([2]);
      expect(revisions(await history(`&unit=${SECOND_UNIT}`))).toEqual([4, 5]);
      expect(revisions(await history(`&unit=${SECOND_UNIT}&type=ProgressReportCorrected`))).toEqual([5]);
    });

    it('pages with limit and offset, newest first with order=desc; total counts the whole match', async () => {
      expect(await history('&limit=2&offset=2')).toMatchObject({ total: 6, limit: 2, offset: 2, items: [{ revision: 2 }, { revision: 3 }] });
      expect(revisions(await history('&order=desc&limit=3'))).toEqual([5, 4, 3]);
      expect(await history('&offset=10')).toMatchObject({ total: 6, items: [] });
    });

    it('a filter that matches nothing is an empty page; an unknown indicator is a 404', async () => {
      expect(await history('&actor=nobody')).toEqual({ items: [], total: 0, limit: 200, offset: 0, order: 'asc' });
      expect((await t.get('/indicators/ind-99/history').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
    });

    it.each([
      ['a date without time', 'from=2021-06-30', 'VALIDATION_FAILED'],
      ['from after to', 'from=2021-07-01T00:00:00Z&to=2021-06-01T00:00:00Z', 'INVALID_RANGE'],
      ['an unknown type', 'type=ProgressDeleted', 'VALIDATION_FAILED'],
      ['a unit event type', 'type=UnitRenamed', 'VALIDATION_FAILED'],
      ['limit 0', 'limit=0', 'VALIDATION_FAILED'],
      ['limit too large', 'limit=5000', 'VALIDATION_FAILED'],
      ['a negative offset', 'offset=-1', 'VALIDATION_FAILED'],
      ['an unknown order', 'order=random', 'VALIDATION_FAILED'],
      ['an actor with spaces', 'actor=a%20b', 'VALIDATION_FAILED'],
      ['an unknown parameter', 'reportId=x', 'VALIDATION_FAILED'],
      ['a negative cursor', 'beforePosition=-1', 'VALIDATION_FAILED'],
      ['a cursor that is no number', 'afterPosition=latest', 'VALIDATION_FAILED'],
      ['a fractional cursor', 'afterPosition=1.5', 'VALIDATION_FAILED'],
    ])('%s is a 400 (%s)', async (_what, query, code) => {
      expect((await t.get(`/indicators/${INDICATOR}/history?${query}`).expect(400)).body.code).toBe(code);
    });

    it.each(['actor[$ne]=x', 'unit[$gt]=a', 'type[$in]=ProgressReported', '$where=1'])('an operator-like key %s is a 400', async (query) => {
      expect((await t.get(`/indicators/${INDICATOR}/history?${query}`).expect(400)).body.statusCode).toBe(400);
    });
  });

  describe('GET /audit/events', () => {
    const log = async (query = '', key = KEYS.inspector) => (await t.get(`/audit/events?minPosition=${lastPosition}${query}`, key).expect(200)).body;

    it('lists every event of every stream, newest first, 100 to a page', async () => {
      const body = await log();
      expect(body).toMatchObject({ total: lastPosition, limit: 100, offset: 0, order: 'desc' });
      expect(body.items).toHaveLength(Math.min(100, lastPosition));
      expect(body.items[0]).toMatchObject({
        position: lastPosition,
        streamId: `indicator-${INDICATOR}`,
        revision: 5,
        subjectKind: 'indicator',
        subjectId: INDICATOR,
        type: 'ProgressReportCorrected',
        recordedAt: '2021-08-11T02:00:00.000Z',
        actor: { unitId: SECOND_UNIT, roles: ['reporter'] },
        reason: 'Số liệu chính thức',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        summary: expect.stringContaining('1.700 → 1.750'),
      });
      const positions = body.items.map((e: { position: number }) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => b - a));
    });

    it('is sent as ready JSON bytes: the JSON content type and length, the same bytes when asked again, and none of the stored fields beyond the entry', async () => {
      const first = await t.get(`/audit/events?minPosition=${lastPosition}&limit=5`, KEYS.inspector).expect(200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(first.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(first.body)));
      const again = await t.get('/audit/events?limit=5', KEYS.inspector).expect(200);
      expect(again.text).toBe(first.text);
      expect(first.body.items[0]).not.toHaveProperty('_id');
      expect(first.body.items[0]).not.toHaveProperty('lastPosition');
    });

    it('oldest first on request: the resolution, then units and indicators as seeded', async () => {
      const body = await log('&order=asc&limit=1');
      expect(body.items).toEqual([expect.objectContaining({ position: 1, type: 'ResolutionRegistered', subjectKind: 'resolution' })]);
    });

    it('its chain hash is the one the integrity check reads', async () => {
      const [entry] = (await log('&limit=1')).items;
      const integrity = (await t.get(`/indicators/${INDICATOR}/integrity`).expect(200)).body;
      expect(integrity.headHash).toBe(entry.hash);
    });

    it('filters by time, type, actor and unit, across streams', async () => {
      const seeded = await log('&to=2021-01-05T23:59:59%2B07:00&limit=1');
      expect(seeded.total).toBe(lastPosition - 5);
      const reassignments = await log('&type=ResponsibilityReassigned');
      expect(reassignments).toMatchObject({ total: 1, items: [{ subjectId: INDICATOR, decisionRef: '215-QĐ/TU', reason: 'Phân công lại' }] });
      const byUnit = await log(`&unit=${SECOND_UNIT}`);
      expect(byUnit.items.map((e: Entry) => e.type)).toEqual(['ProgressReportCorrected', 'ProgressReported']);
      const actor = byUnit.items[0].actor.id;
      expect((await log(`&actor=${actor}`)).total).toBe(2);
      const summer = await log('&from=2021-05-01T00:00:00%2B07:00&to=2021-08-10T23:59:59%2B07:00&order=asc');
      expect(summer.items.map((e: Entry) => e.type)).toEqual(['ResponsibilityReassigned', 'TargetRevised', 'ProgressReported']);
      const units = await log('&type=UnitRegistered&limit=1');
      expect(units.total).toBeGreaterThan(10);
      expect(units.items[0]).toMatchObject({ subjectKind: 'unit', summary: expect.stringMatching(/^Đăng ký đơn vị /) });
    });

    it('pages consistently: a page is the matching slice of the whole list', async () => {
      const all = await log('&limit=1000&order=asc');
      const page = await log('&limit=7&offset=20&order=asc');
      expect(page.items).toEqual(all.items.slice(20, 27));
    });

    it.each([
      ['analyst', KEYS.analyst],
      ['standing committee', KEYS.standingCommittee],
    ])('the %s may read it', async (_who, key) => {
      await log('&limit=1', key);
    });

    it.each([
      ['a reporter', KEYS.reporter(SECOND_UNIT)],
      ['the coordinator', KEYS.coordinator],
    ])('%s may not (403)', async (_who, key) => {
      expect((await t.get('/audit/events', key).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it.each(['actor[$ne]=x', 'type=Nope', 'from=yesterday', 'limit=1001', 'subjectId=x', 'order=up', 'beforePosition=-3'])('bad input %s is a 400', async (query) => {
      expect((await t.get(`/audit/events?${query}`, KEYS.inspector).expect(400)).body.statusCode).toBe(400);
    });

    it('pages newest first by position without repeats while events arrive (an offset would shift), and the total counts what the cursor selects', async () => {
      const first = await log('&limit=3');
      const cursor = first.items.at(-1).position;
      // Events stored between the two pages: an offset of 3 would now show entries of the first page again.
      t.clock.set('2021-09-01T02:00:00.000Z');
      const added = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q3', value: 5000 }, KEYS.reporter(SECOND_UNIT)).expect(201);
      const byOffset = (await t.get(`/audit/events?minPosition=${added.body.position}&limit=3&offset=3`, KEYS.inspector).expect(200)).body;
      expect(byOffset.items[0].position).toBe(first.items[2].position);
      const next = (await t.get(`/audit/events?minPosition=${added.body.position}&limit=3&beforePosition=${cursor}`, KEYS.inspector).expect(200)).body;
      expect(next.items.map((e: { position: number }) => e.position)).toEqual([cursor - 1, cursor - 2, cursor - 3]);
      expect(next.total).toBe(cursor - 1);
      // What is new since a position, oldest first; the indicator's history takes the same cursors.
      const since = (await t.get(`/audit/events?afterPosition=${lastPosition}&order=asc`, KEYS.inspector).expect(200)).body;
      expect(since).toMatchObject({ total: 1, items: [{ position: added.body.position, type: 'ProgressReported' }] });
      const history = (await t.get(`/indicators/${INDICATOR}/history?afterPosition=${lastPosition}`, KEYS.inspector).expect(200)).body;
      expect(history.items.map((e: Entry) => e.revision)).toEqual([6]);
      const window = (await t.get(`/indicators/${INDICATOR}/history?afterPosition=0&beforePosition=${lastPosition}&order=desc&limit=2`, KEYS.inspector).expect(200)).body;
      expect(window).toMatchObject({ total: 5, items: [{ revision: 4 }, { revision: 3 }] });
    });
  });
});
