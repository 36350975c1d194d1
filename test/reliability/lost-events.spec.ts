/**
 * Acknowledged events gone from the event store while the read models still reflect them (a
 * damaged SQLite WAL, an old backup restored under newer read models): detected at start and not
 * served. One log line names both positions; /health answers 503 READ_MODELS_AHEAD_OF_LEDGER;
 * commands and read-model queries are refused with 503; nothing is written over the read models.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../src/config/config';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');
const REPORT = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 };

/** Starts the service on `dir` in a child process and resolves with the first JSON log message that passes `match`. */
function firstLogLineOfService(dir: string, match: (message: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/ts-require.js'), path.join(REPO_ROOT, 'src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no such log line; the service wrote:\n${buffered}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n')) {
        if (!line.startsWith('{')) continue;
        const message = String((JSON.parse(line) as { msg?: unknown }).msg);
        if (match(message)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve(message);
          return;
        }
      }
    });
  });
}

// These start the service in a child process that compiles its sources as it loads: give them time on a loaded machine.
describe('read models ahead of the ledger', () => {
  let dir: string;
  let t: TestApp | null = null;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-lost-'));
  });

  afterEach(async () => {
    await t?.close();
    t = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is detected at start and nothing is served or written until an operator acts', async () => {
    const first = await startTestApp({ dataDir: dir });
    const written = await first.post('/indicators/ind-12/progress-reports', REPORT, REPORTER).expect(201);
    const readModelPosition: number = written.body.position;
    await first.get(`/indicators/ind-12?minPosition=${readModelPosition}`).expect(200);
    await first.close();

    // The last events are lost from the event log; the read models still reflect them.
    const events = new Database(path.join(dir, 'events.db'));
    events.prepare('DELETE FROM events WHERE position > ?').run(readModelPosition - 3);
    events.close();

    t = await startTestApp({ dataDir: dir, seed: false });

    const health = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(health.body).toMatchObject({ statusCode: 503, code: 'READ_MODELS_AHEAD_OF_LEDGER', details: { projections: { status: 'down', position: readModelPosition, headPosition: readModelPosition - 3 } } });

    const command = await t.post('/indicators/ind-12/progress-reports', { ...REPORT, period: '2021-Q2' }, REPORTER).expect(503);
    expect(command.body).toMatchObject({ code: 'READ_MODELS_AHEAD_OF_LEDGER', details: { readModelPosition, ledgerHeadPosition: readModelPosition - 3 } });
    expect((await t.get('/indicators').expect(503)).body.code).toBe('READ_MODELS_AHEAD_OF_LEDGER');
    expect((await t.get('/units').expect(503)).body.code).toBe('READ_MODELS_AHEAD_OF_LEDGER');
    // Nothing was appended: the event log still ends where it was left.
    expect(await t.eventStore.headPosition()).toBe(readModelPosition - 3);
    // The ledger itself can still be inspected: its integrity is read from the event store.
    await t.get('/indicators/ind-12/integrity', KEYS.inspector).expect(200);

    await t.close();
    t = null;

    // The service itself says so once, in its log, naming both positions and where to read what to do.
    const line = await firstLogLineOfService(dir, (message) => message.includes('event store ends at position'));
    expect(line).toContain(`up to position ${readModelPosition} but the event store ends at position ${readModelPosition - 3}`);
    expect(line).toContain('docs/operations.md');
  }, 120_000);
});
