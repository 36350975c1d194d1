/**
 * Fault: a store's file is damaged. At start the service says, in one line, which file, what is
 * wrong and what to run, and exits with the documented code, never with a raw stack. Met while
 * running: the request gets 500 STORE_DAMAGED, the log says which file, /health answers 503.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { REPO_ROOT } from '../../src/config/config';
import { EXIT_CODES } from '../../src/infrastructure/start-failure';
import { tamperWith } from '../integrity/tamper-helpers';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const TS_REQUIRE = path.join(REPO_ROOT, 'test/support/ts-require.js');

/** Starts the service as `npm start` does, in a child process compiling its sources as it loads; resolves when it exits. */
function startService(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', TS_REQUIRE, path.join(REPO_ROOT, 'src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A service that started after all is stopped: the assertions then say what it should have done.
    child.stdout.on('data', () => {
      if (stdout.includes('API docs')) child.kill('SIGTERM');
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** No line of a stack trace (`    at f (file:1:2)`) anywhere in what the service printed. */
function expectNoStack(output: string): void {
  expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
}

// These start the service in a child process that compiles its sources as it loads: give them time on a loaded machine.
describe('a damaged store at start', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-damaged-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('events.db that is not a database: one line naming the file and what to run, exit code 3', async () => {
    const file = path.join(dir, 'events.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 'not a database, overwritten by a careless copy. '));
    const { code, stdout, stderr } = await startService(dir);
    expect(code).toBe(EXIT_CODES.storeDamaged);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file} is damaged: file is not a database`);
    expect(lines[0]).toContain('npm run verify');
    expect(lines[0]).toContain('npm run restore');
    expectNoStack(stdout + stderr);
    // The damaged file is left as it was, for the operator to examine.
    expect(fs.readFileSync(file).subarray(0, 14).toString()).toBe('not a database');
  }, 180_000);

  it('an event that no longer reads back, met while the read models catch up: one line naming the file, exit code 3', async () => {
    const seeded = await startTestApp({ dataDir: dir });
    await seeded.close();
    const file = path.join(dir, 'events.db');
    tamperWith(seeded, (db, stream) => db.prepare(`UPDATE events SET metadata = '{"eventId": ' WHERE stream_id = ? AND revision = 0`).run(stream), 'indicator-ind-14');
    // The read models are rebuilt from the first event, so the start meets the damaged one.
    for (const name of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm']) fs.rmSync(path.join(dir, name), { force: true });
    const { code, stdout, stderr } = await startService(dir);
    expect(code).toBe(EXIT_CODES.storeDamaged);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file} is damaged: a stored row no longer reads back as JSON`);
    expect(lines[0]).toContain('npm run verify');
    expectNoStack(stdout + stderr);
  }, 180_000);

  it('read-models.db that is not a database: one line saying it can be deleted and rebuilt, exit code 3', async () => {
    const file = path.join(dir, 'read-models.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 'garbage '));
    const { code, stdout, stderr } = await startService(dir);
    expect(code).toBe(EXIT_CODES.storeDamaged);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file} is damaged`);
    expect(lines[0]).toContain('delete read-models.db and start again');
    expectNoStack(stdout + stderr);
  }, 180_000);
});

describe('damage met while running', () => {
  let dir: string;
  let t: TestApp;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-damaged-running-'));
    t = await startTestApp({ dataDir: dir, env: { LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 500 STORE_DAMAGED, logs which file, and /health answers 503 STORE_DAMAGED', async () => {
    const accepted = await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-01', value: 91 }, KEYS.coordinator).expect(201);
    const before = await t.eventStore.headPosition();
    // A row of another stream no longer reads back (a torn write, a bad sector).
    tamperWith(t, (db, stream) => db.prepare(`UPDATE events SET data = '{"value": 4.' WHERE stream_id = ? AND revision = 0`).run(stream), 'indicator-ind-14');

    const res = await t.post('/indicators/ind-14/progress-reports', { metric: 'x', period: '2021-01', value: 1 }, KEYS.coordinator).set('X-Correlation-Id', 'damaged-0001').expect(500);
    expect(res.body).toMatchObject({ statusCode: 500, code: 'STORE_DAMAGED' });
    expect(res.text).not.toContain(dir);
    const line = logged().find((l) => l.correlationId === 'damaged-0001' && l.res);
    expect(line).toMatchObject({ level: 50, code: 'STORE_DAMAGED', err: { type: 'StoreDamagedError', file: path.join(dir, 'events.db') } });

    const health = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(health.body).toMatchObject({ code: 'STORE_DAMAGED', error: { eventStore: { status: 'down', cause: 'damaged' } } });
    expect(health.text).not.toContain(dir);
    expect(logged().some((l) => l.level === 50 && String(l.msg).includes('npm run verify') && String(l.msg).includes(path.join(dir, 'events.db')))).toBe(true);

    // What was acknowledged is still there and still reads: the damage is where it is.
    expect(await t.eventStore.headPosition()).toBe(before);
    const stream = await t.eventStore.readStream('indicator-ind-12');
    expect(stream.some((event) => event.position === accepted.body.position)).toBe(true);
    await t.get('/indicators/ind-12').expect(200);
  });
});
