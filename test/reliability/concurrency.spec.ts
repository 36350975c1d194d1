/**
 * Concurrency: optimistic checks are exact (one winner, every loser told with a 409), and writers
 * that do not say which revision they saw are never lost, however many write at once.
 */
import { ReportProgressCommand } from '../../src/indicators/write/report-progress/report-progress.command';
import { commandIdFromIdempotencyKey } from '../../src/command-handling/command-envelope';
import { CommandBus } from '@nestjs/cqrs';
import { listenOnLoopback, type HttpClient } from '../support/http-client';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-04'; // growth plus a three-part economic structure: four metrics
const REPORTER = KEYS.reporter('chi-cuc-thong-ke');
const METRICS = ['growth_rate', 'structure_services', 'structure_industry_construction', 'structure_agriculture_forestry_fishery'];
/** Every period that has started by 20 July 2021. */
const PERIODS = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-07', '2021-Q1', '2021-Q2', '2021-Q3', '2021-H1', '2021-H2', '2021'];

describe('concurrent commands on one indicator', () => {
  let t: TestApp;
  let http: HttpClient;

  beforeEach(async () => {
    t = await startTestApp();
    http = await listenOnLoopback(t);
  });

  afterEach(async () => {
    await t.close();
  });

  const streamLength = async () => (await t.eventStore.readStream(`indicator-${INDICATOR}`)).length;

  it('50 commands carrying the same expected revision: exactly one 201, 49 × 409, the stream grows by one', async () => {
    const before = await streamLength();
    const expectedRevision = before - 1;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        http.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'growth_rate', period: '2021-Q1', value: 5 + i / 10, expectedRevision }, REPORTER),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({ code: 'CONCURRENCY_CONFLICT', details: { expectedRevision, currentRevision: expectedRevision + 1 } });
    }
    expect(await streamLength()).toBe(before + 1);
  });

  it('52 reports for different metrics and periods without an expected revision all succeed over HTTP, none lost', async () => {
    const before = await streamLength();
    const bodies = METRICS.flatMap((metric) => PERIODS.map((period) => ({ metric, period, value: 40 })));
    const responses = await Promise.all(bodies.map((body) => http.post(`/indicators/${INDICATOR}/progress-reports`, body, REPORTER)));
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const events = (await t.eventStore.readStream(`indicator-${INDICATOR}`)).slice(before);
    expect(events).toHaveLength(bodies.length);
    const reported = events.map((e) => `${(e.data as { metric: string }).metric}@${(e.data as { period: string }).period}`).sort();
    expect(reported).toEqual(bodies.map((b) => `${b.metric}@${b.period}`).sort());
    // Every answer names its own event.
    const byPosition = new Map(events.map((e) => [e.position, e]));
    for (const response of responses) expect(byPosition.get(response.body.position)?.revision).toBe(response.body.revision);
  });

  it('the same 52 reports dispatched in the same tick (no HTTP in between) all succeed too', async () => {
    const before = await streamLength();
    const bus = t.app.get(CommandBus);
    const actor = { id: 'concurrency-test', unitId: 'chi-cuc-thong-ke', roles: ['reporter'] as const };
    const commands = METRICS.flatMap((metric) =>
      PERIODS.map((period) => {
        const commandId = commandIdFromIdempotencyKey(actor.id, `${metric}-${period}`);
        return new ReportProgressCommand(INDICATOR, { metric, period, value: 40 }, { commandId, correlationId: commandId, causationId: commandId, actor: { ...actor, roles: [...actor.roles] } });
      }),
    );
    const outcomes = await Promise.allSettled(commands.map((command) => bus.execute(command)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(await streamLength()).toBe(before + commands.length);
  });

  it('without an expected revision, rules are still decided on the latest state: a duplicate period sent 10 times at once is accepted once', async () => {
    const before = await streamLength();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => http.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'growth_rate', period: '2021-05', value: 7 }, REPORTER)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(422)]);
    expect(responses.filter((r) => r.status === 422).every((r) => r.body.code === 'DUPLICATE_REPORT')).toBe(true);
    expect(await streamLength()).toBe(before + 1);
  });
});
