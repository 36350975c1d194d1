/**
 * Fault: a stream's stored events were changed outside the ledger. Commands on it are refused with
 * 409 STREAM_INTEGRITY_BROKEN naming the first broken revision, logged as an error for the
 * operator; reads still answer so inspectors can see the damage; other streams take writes as before.
 */
import request from 'supertest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { editFigure, fillStream, tamperWith } from '../integrity/tamper-helpers';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

describe('a command on a stream whose hash chain breaks', () => {
  let dir: string;
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-chain-'));
    t = await startTestApp({ dataDir: dir, env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with 409 naming the first broken revision, logged; reads and other streams still work', async () => {
    await fillStream(t, 'ind-16', 'forest_cover');
    const stream = await t.eventStore.readStream('indicator-ind-16');
    // A new process knows nothing of the stream yet: the next command reads it in full.
    await t.close();
    tamperWith(t, editFigure(2, 61.5), 'indicator-ind-16');
    t = await startTestApp({ dataDir: dir, env: { LOG_LEVEL: 'info' }, logDestination: destination });

    const refused = await t
      .post('/indicators/ind-16/progress-reports', { metric: 'forest_cover', period: '2021-05', value: 55 }, KEYS.coordinator)
      .set('X-Correlation-Id', 'tampered-0001')
      .expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'STREAM_INTEGRITY_BROKEN', details: { streamId: 'indicator-ind-16', revision: 2, reason: 'HASH_MISMATCH' } });
    expect(refused.body.message).toContain('revision 2');
    expect(logged().find((l) => l.correlationId === 'tampered-0001' && l.res)).toMatchObject({
      level: 50,
      alert: true,
      code: 'STREAM_INTEGRITY_BROKEN',
      err: { type: 'StreamIntegrityBrokenError', details: { revision: 2 } },
    });
    // Nothing was appended; the refusal holds on a retry.
    expect(await t.eventStore.readStream('indicator-ind-16')).toHaveLength(stream.length);
    await t.post('/indicators/ind-16/progress-reports', { metric: 'forest_cover', period: '2021-05', value: 55 }, KEYS.coordinator).expect(409);

    // Inspectors still read it, and see where it breaks.
    await t.get('/indicators/ind-16').expect(200);
    await t.get('/indicators/ind-16/history').expect(200);
    const integrity = await t.get('/indicators/ind-16/integrity', KEYS.inspector).expect(200);
    expect(integrity.body).toMatchObject({ valid: false, firstBrokenRevision: 2, reason: 'HASH_MISMATCH' });

    // The service is healthy, and other streams take writes.
    await request(t.app.getHttpServer()).get('/health').expect(200);
    await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-05', value: 94 }, KEYS.coordinator).expect(201);
  });
});
