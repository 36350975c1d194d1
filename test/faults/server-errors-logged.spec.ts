/**
 * Fault: a failure of ours (a 500). The client is told only that it was logged; the log must then
 * hold its cause, once: the error's class, message and stack, the request's correlation id and route.
 */
import request from 'supertest';
import type { AppendResult, EventStore, ExpectedRevision } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import type { NewEvent } from '../../src/shared/messages';
import { InstrumentedEventStore } from '../support/instrumented-event-store';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
const REPORT = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 };

class BrokenInvariantError extends Error {}

/** An event store whose appends fail with an error nothing maps: a defect of ours. */
class DefectiveEventStore extends InstrumentedEventStore {
  failing = false;

  override appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.failing) return Promise.reject(new BrokenInvariantError('stream cache out of step with the store'));
    return super.appendToStream(streamId, events, expected);
  }
}

describe('a 500 leaves its cause in the log', () => {
  let dir: string;
  let store: DefectiveEventStore;
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-500-'));
    store = new DefectiveEventStore(new SqliteEventStore({ filename: path.join(dir, 'events.db') }));
    t = await startTestApp({ dataDir: dir, eventStore: store as EventStore, env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 500 INTERNAL_ERROR without echoing the cause, and logs the cause once with its correlation id and route', async () => {
    const before = (await t.eventStore.readStream('indicator-ind-12')).length;
    store.failing = true;
    const res = await t.post('/indicators/ind-12/progress-reports', REPORT, REPORTER).set('X-Correlation-Id', 'defect-0001').expect(500);
    store.failing = false;
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String) });
    expect(res.text).not.toContain('stream cache out of step');

    const lines = logged().filter((l) => JSON.stringify(l).includes('stream cache out of step'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      correlationId: 'defect-0001',
      code: 'INTERNAL_ERROR',
      route: 'POST /indicators/:id/progress-reports',
      req: { method: 'POST', url: '/indicators/ind-12/progress-reports' },
      res: { statusCode: 500 },
      err: { type: 'BrokenInvariantError', message: 'stream cache out of step with the store', stack: expect.stringContaining('DefectiveEventStore.appendToStream') },
    });

    // Nothing was appended, and the retry is accepted.
    expect(await t.eventStore.readStream('indicator-ind-12')).toHaveLength(before);
    await t.post('/indicators/ind-12/progress-reports', REPORT, REPORTER).expect(201);
    expect(await t.eventStore.readStream('indicator-ind-12')).toHaveLength(before + 1);
    await request(t.app.getHttpServer()).get('/health').expect(200);
  });
});
