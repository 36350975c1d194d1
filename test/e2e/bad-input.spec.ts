/**
 * Bad input anywhere gets a clear 4xx with a machine-readable code, and changes nothing: after
 * every refused request below, the event store holds exactly what it held before.
 */
import request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-12'; // Tỷ lệ bao phủ bảo hiểm y tế đạt 97%
const UNIT = 'bao-hiem-xa-hoi-thanh-pho';
const REPORTS = `/indicators/${INDICATOR}/progress-reports`;

describe('bad input (e2e)', () => {
  let t: TestApp;
  let head: number;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(async () => {
    head = await t.eventStore.headPosition();
  });

  afterEach(async () => {
    expect(await t.eventStore.headPosition()).toBe(head);
  });

  const report = (body: unknown, key = KEYS.reporter(UNIT)) => t.post(REPORTS, body, key);
  const valid = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93.5 };

  it.each([
    ['an unknown field', { ...valid, approvedBy: 'x' }, 'VALIDATION_FAILED', 'approvedBy'],
    ['a value sent as a string', { ...valid, value: '93.5' }, 'VALIDATION_FAILED', 'value'],
    ['a missing metric', { period: '2021-Q1', value: 1 }, 'VALIDATION_FAILED', 'metric'],
    ['a malformed period', { ...valid, period: '2021-13' }, 'VALIDATION_FAILED', 'period'],
    ['a period written the other way round', { ...valid, period: 'Q1-2021' }, 'VALIDATION_FAILED', 'period'],
    // Refused before validation by the operator-key filter (src/http/forbidden-keys.ts).
    ['a metric with operators', { ...valid, metric: { $gt: '' } }, 'FORBIDDEN_KEY', undefined],
    ['an array body', [valid], 'VALIDATION_FAILED', undefined],
    ['a negative expected revision', { ...valid, expectedRevision: -1 }, 'VALIDATION_FAILED', 'expectedRevision'],
  ])('refuses %s with 400 and the field named', async (_, body, code, field) => {
    const res = await report(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code });
    if (field) expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it.each([
    ['140%', { ...valid, value: 140 }, 'VALUE_OUT_OF_RANGE'],
    ['a negative percentage', { ...valid, value: -0.5 }, 'VALUE_OUT_OF_RANGE'],
    ['a metric the indicator does not have', { ...valid, metric: 'forest_cover' }, 'UNKNOWN_METRIC'],
    ['a period outside the resolution year', { ...valid, period: '2020-12' }, 'PERIOD_OUTSIDE_YEAR'],
    ['a period that has not started', { ...valid, period: '2021-Q4' }, 'PERIOD_IN_FUTURE'],
  ])('refuses %s with 422', async (_, body, code) => {
    const res = await report(body).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code, message: expect.any(String) });
  });

  it('says only what is wrong with a value of the wrong kind, and the range once the kind is right', async () => {
    const notANumber = await t.get('/indicators?limit=abc').expect(400);
    expect(notANumber.body.details.fields).toEqual([{ field: 'limit', errors: ['limit must be an integer number'] }]);
    const tooMany = await t.get('/indicators?limit=501').expect(400);
    expect(tooMany.body.details.fields).toEqual([{ field: 'limit', errors: ['limit must not be greater than 500'] }]);
    const text = await report({ ...valid, value: 'ninety' }).expect(400);
    expect(text.body.details.fields).toHaveLength(1);
    expect(text.body.details.fields[0].errors).toHaveLength(1);
    // A missing field is still told everything it must be, its format included.
    const missing = await t.post(`/indicators/${INDICATOR}/reassignments`, {}, KEYS.coordinator).expect(400);
    const toUnit = missing.body.details.fields.find((f: { field: string }) => f.field === 'toUnitId');
    expect(toUnit.errors).toEqual(['toUnitId must be a lowercase id of letters, digits and dashes', 'toUnitId must be a string']);
  });

  it('refuses a negative or fractional count', async () => {
    const path = '/indicators/ind-03/progress-reports';
    const key = KEYS.reporter('co-quan-to-chuc-noi-vu');
    expect((await t.post(path, { metric: 'new_party_members', period: '2021-Q1', value: -3 }, key).expect(422)).body.code).toBe('VALUE_OUT_OF_RANGE');
    expect((await t.post(path, { metric: 'new_party_members', period: '2021-Q1', value: 10.5 }, key).expect(422)).body.code).toBe('VALUE_OUT_OF_RANGE');
  });

  it('answers 404 for an unknown indicator, report or unit, and 400 for a malformed id', async () => {
    expect((await t.post('/indicators/ind-99/progress-reports', valid, KEYS.coordinator).expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
    expect((await t.get('/indicators/ind-99').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
    expect((await t.get('/indicators/ind-99/history').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
    expect((await t.post(`${REPORTS}/00000000-0000-4000-8000-000000000000/corrections`, { value: 1, reason: 'x' }, KEYS.coordinator).expect(404)).body.code).toBe('REPORT_NOT_FOUND');
    expect((await t.get('/units/no-such-unit').expect(404)).body.code).toBe('UNIT_NOT_FOUND');
    expect((await t.get('/indicators/IND$12').expect(400)).body.code).toBe('INVALID_ID');
    expect((await t.get('/nothing-here').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('answers 401 without a key or with an unknown key, 403 for a role that cannot act', async () => {
    const server = t.app.getHttpServer();
    expect((await request(server).get('/indicators').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await request(server).get('/indicators').set('Authorization', 'Bearer not-a-key').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await request(server).get('/indicators').set('Authorization', 'Basic abc').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await report(valid, KEYS.analyst).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await report(valid, KEYS.inspector).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    const revise = { metric: 'health_insurance_coverage', value: 95, reason: 'x', decisionRef: '1-QĐ' };
    expect((await t.post(`/indicators/${INDICATOR}/target-revisions`, revise, KEYS.coordinator).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('answers malformed JSON with 400 and a huge body with 413', async () => {
    const server = t.app.getHttpServer();
    const malformed = await request(server).post(REPORTS).set('Authorization', `Bearer ${KEYS.reporter(UNIT)}`).set('Content-Type', 'application/json').send('{"metric": ').expect(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    const huge = await report({ ...valid, note: 'x'.repeat(200_000) }).expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a body sent as anything but JSON with 415, naming the type received', async () => {
    const server = t.app.getHttpServer();
    const send = (contentType: string) =>
      request(server).post(REPORTS).set('Authorization', `Bearer ${KEYS.reporter(UNIT)}`).set('Content-Type', contentType).send(JSON.stringify(valid));
    // What `curl -d '{…}'` sends without -H 'Content-Type: application/json'.
    const form = await send('application/x-www-form-urlencoded').expect(415);
    expect(form.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { expected: 'application/json', received: 'application/x-www-form-urlencoded' } });
    expect((await send('text/plain').expect(415)).body.details.received).toBe('text/plain');
    // No body at all is not a type question: validation names the missing fields.
    const empty = await request(server).post(REPORTS).set('Authorization', `Bearer ${KEYS.reporter(UNIT)}`).set('Content-Type', 'text/plain').expect(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
  });

  it('takes JSON with a charset parameter', async () => {
    const server = t.app.getHttpServer();
    await request(server)
      .post(REPORTS)
      .set('Authorization', `Bearer ${KEYS.reporter(UNIT)}`)
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ ...valid, period: '2021-02' }))
      .expect(201);
    head = await t.eventStore.headPosition(); // the one write this test means to make
  });

  it('refuses reassignments and revisions without reason or decision reference', async () => {
    const reassign = await t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: 'phong-kinh-te', reason: '' }, KEYS.coordinator).expect(400);
    expect(reassign.body.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['reason', 'decisionRef']));
    const blank = await t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: 'phong-kinh-te', reason: '   ', decisionRef: '1-QĐ' }, KEYS.coordinator).expect(422);
    expect(blank.body.code).toBe('REASON_REQUIRED');
    const unknownUnit = await t.post(`/indicators/${INDICATOR}/reassignments`, { toUnitId: 'no-such-unit', reason: 'x', decisionRef: '1-QĐ' }, KEYS.coordinator).expect(422);
    expect(unknownUnit.body.code).toBe('UNKNOWN_UNIT');
    const nothing = await t.post(`/indicators/${INDICATOR}/target-revisions`, { metric: 'health_insurance_coverage', value: 97, reason: 'x', decisionRef: '1-QĐ' }, KEYS.standingCommittee).expect(422);
    expect(nothing.body.code).toBe('REVISION_CHANGES_NOTHING');
  });
});

describe('concurrency and retries (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 409 with the current revision when the stream has moved on', async () => {
    const body = { metric: 'health_insurance_coverage', period: '2021-01', value: 92 };
    await t.post(REPORTS, { ...body, expectedRevision: 0 }, KEYS.reporter(UNIT)).expect(201);
    const stale = await t.post(REPORTS, { ...body, period: '2021-02', expectedRevision: 0 }, KEYS.reporter(UNIT)).expect(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENCY_CONFLICT', details: { currentRevision: 1, expectedRevision: 0 } });
    const viaHeader = await t.post(REPORTS, { ...body, period: '2021-02' }, KEYS.reporter(UNIT)).set('If-Match', '"0"').expect(409);
    expect(viaHeader.body.details.currentRevision).toBe(1);
    await t.post(REPORTS, { ...body, period: '2021-02' }, KEYS.reporter(UNIT)).set('If-Match', '"1"').expect(201);
  });

  it('refuses a second report for the same period, pointing to a correction', async () => {
    const body = { metric: 'health_insurance_coverage', period: '2021-03', value: 93 };
    const first = await t.post(REPORTS, body, KEYS.reporter(UNIT)).expect(201);
    const second = await t.post(REPORTS, { ...body, value: 94 }, KEYS.reporter(UNIT)).expect(422);
    expect(second.body).toMatchObject({ code: 'DUPLICATE_REPORT', details: { reportId: first.body.reportId } });
  });

  it('appends a retried command once and answers the same; a reused key with another body is refused', async () => {
    const body = { metric: 'health_insurance_coverage', period: '2021-04', value: 94 };
    const key = KEYS.reporter(UNIT);
    const first = await t.post(REPORTS, body, key).set('Idempotency-Key', 'bhxh-2021-04').expect(201);
    const head = await t.eventStore.headPosition();
    const retry = await t.post(REPORTS, body, key).set('Idempotency-Key', 'bhxh-2021-04').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await t.eventStore.headPosition()).toBe(head);
    const other = await t.post(REPORTS, { ...body, value: 95 }, key).set('Idempotency-Key', 'bhxh-2021-04').expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('does not lose concurrent reports for different periods sent without an expected revision', async () => {
    const server = t.app.getHttpServer();
    const periods = ['2021-05', '2021-06', '2021-Q2', '2021-H1'];
    const responses = await Promise.all(
      periods.map((period) =>
        request(server).post(REPORTS).set('Authorization', `Bearer ${KEYS.reporter(UNIT)}`).send({ metric: 'health_insurance_coverage', period, value: 95 }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const last = Math.max(...responses.map((r) => r.body.position));
    const history = await t.get(`/indicators/${INDICATOR}/history?minPosition=${last}`).expect(200);
    const reported = history.body.items.filter((e: { type: string }) => e.type === 'ProgressReported').map((e: { period: string }) => e.period);
    expect(reported).toEqual(expect.arrayContaining(periods));
  });

  it('waits for minPosition and answers 503 with Retry-After when the read models cannot reach it', async () => {
    const far = (await t.eventStore.headPosition()) + 1000;
    const res = await t.get(`/indicators?minPosition=${far}`).expect(503);
    expect(res.body.code).toBe('PROJECTION_LAGGING');
    expect(res.headers['retry-after']).toBe('1');
  });
});
