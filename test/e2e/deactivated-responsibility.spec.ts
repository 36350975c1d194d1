/**
 * A unit may be deactivated while it still answers for indicators: the decision that dissolves a
 * unit is a fact the ledger records, whether or not its tasks were handed over first. Its keys can
 * no longer report, so those indicators wait for a reassignment, and the list finds them:
 * `GET /indicators?responsibleUnitActive=false`.
 */
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const DISSOLVED = 'ban-quan-ly-du-an-tam';
const SUCCESSOR = 'phong-kinh-te';
const INDICATOR = 'ind-12';

describe('indicators whose responsible unit was deactivated (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

  it('records the deactivation, keeps the unit responsible, and lists its indicators until they are reassigned', async () => {
    const everything = (await t.get('/indicators?limit=500').expect(200)).body.total as number;
    expect((await t.get('/indicators?responsibleUnitActive=false').expect(200)).body).toEqual({ items: [], total: 0 });

    await t.post('/units', { id: DISSOLVED, name: 'Ban Quản lý dự án (tạm thời)' }, KEYS.coordinator).expect(201);
    await t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: DISSOLVED, reason: 'Giao ban quản lý dự án', decisionRef: '301-QĐ/TU' }, KEYS.coordinator).expect(201);
    const deactivation = await t.post(`/units/${DISSOLVED}/deactivation`, { reason: 'Giải thể, sáp nhập vào Phòng Kinh tế', decisionRef: '302-QĐ/TU' }, KEYS.coordinator).expect(201);
    const after = `minPosition=${deactivation.body.position}`;

    const waiting = await t.get(`/indicators?responsibleUnitActive=false&${after}`).expect(200);
    expect(ids(waiting.body)).toEqual([INDICATOR]);
    expect(waiting.body.items[0]).toMatchObject({ responsibleUnitId: DISSOLVED });
    const unit = await t.get(`/units/${DISSOLVED}?${after}`).expect(200);
    expect(unit.body).toMatchObject({ active: false, responsibleFor: [expect.objectContaining({ id: INDICATOR })] });
    const unitIds = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);
    expect(unitIds((await t.get(`/units?active=false&${after}`).expect(200)).body)).toEqual([DISSOLVED]);
    expect(unitIds((await t.get(`/units?active=true&${after}`).expect(200)).body)).not.toContain(DISSOLVED);
    expect(unitIds((await t.get(`/units?${after}`).expect(200)).body)).toEqual(expect.arrayContaining([DISSOLVED, SUCCESSOR]));

    // The indicator table export takes the same filter.
    const table = await t.get(`/exports/indicators?format=csv&responsibleUnitActive=false&${after}`).expect(200);
    const rows = table.text.trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(waiting.body.items[0].targets.length);
    for (const row of rows) expect(row).toContain(INDICATOR);

    const served = await t.get(`/indicators?responsibleUnitActive=true&limit=500&${after}`).expect(200);
    expect(served.body.total).toBe(everything - 1);
    expect(ids(served.body)).not.toContain(INDICATOR);
    // Combined with the unit filter, both must hold.
    expect((await t.get(`/indicators?unit=${DISSOLVED}&responsibleUnitActive=true&${after}`).expect(200)).body.total).toBe(0);
    expect(ids((await t.get(`/indicators?unit=${DISSOLVED}&responsibleUnitActive=false&${after}`).expect(200)).body)).toEqual([INDICATOR]);
    expect((await t.get(`/indicators?unit=${SUCCESSOR}&responsibleUnitActive=false&${after}`).expect(200)).body.total).toBe(0);

    // Nobody can give it new work; a coordinator hands the indicator over.
    const refused = await t.post('/indicators/ind-13/reassignments', { toUnitId: DISSOLVED, reason: 'Thử giao', decisionRef: '303-QĐ/TU' }, KEYS.coordinator).expect(422);
    expect(refused.body.code).toBe('UNIT_INACTIVE');
    const handover = await t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: SUCCESSOR, reason: 'Tiếp nhận nhiệm vụ sau sáp nhập', decisionRef: '302-QĐ/TU' }, KEYS.coordinator).expect(201);
    expect((await t.get(`/indicators?responsibleUnitActive=false&minPosition=${handover.body.position}`).expect(200)).body.total).toBe(0);
  });

  it('refuses a value that is neither true nor false', async () => {
    const response = await t.get('/indicators?responsibleUnitActive=yes').expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(response.body)).toContain('responsibleUnitActive');
    expect((await t.get('/units?active=1').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
