/**
 * Concurrent commands on one stream: each append links to the revision it read, a writer that lost
 * the race re-reads and re-seals, so the chain never forks, whoever wins.
 */
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

describe('hash chain under concurrent appends', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('stays one valid chain when reports for one indicator race each other', async () => {
    const periods = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-Q1', '2021-Q2'];
    const responses = await Promise.all(
      periods.map((period, i) =>
        t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period, value: 90 + i / 10 }, KEYS.coordinator),
      ),
    );
    const accepted = responses.filter((r) => r.status === 201).length;
    // Without expectedRevision the write path retries a few times; a writer that still loses gets a 409, never a fork.
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(accepted).toBeGreaterThan(1);

    const { body } = await t.get('/indicators/ind-12/integrity', KEYS.inspector).expect(200);
    expect(body).toMatchObject({ valid: true, events: 1 + accepted, headRevision: accepted });
    const digest = (await t.get('/audit/digest', KEYS.inspector).expect(200)).body;
    expect(digest.chainsValid).toBe(true);
  });
});
