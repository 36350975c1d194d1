/**
 * One process per data directory: a second service started on the same DATA_DIR refuses to start
 * with one line naming the directory, and a process killed outright leaves no lock behind.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../src/config/config';
import { DataDirInUseError, DataDirLock } from '../../src/infrastructure/data-dir-lock';
import { startTestApp } from '../support/test-app';

const TS_REQUIRE = path.join(REPO_ROOT, 'test/support/ts-require.js');

/** Runs a TypeScript entry point in a child process; resolves with its exit code and output. */
function run(args: string[], env: NodeJS.ProcessEnv, onStdout?: (text: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', TS_REQUIRE, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, () => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
  });
}

// These start the service in a child process that compiles its sources as it loads: give them time on a loaded machine.
describe('one process per data directory', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-lock-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder of the directory until the first lets it go', () => {
    const first = DataDirLock.acquire(dir);
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirInUseError);
    expect(() => DataDirLock.acquire(dir)).toThrow(dir);
    first.release();
    DataDirLock.acquire(dir).release();
  });

  it('refuses to start a second service on the same DATA_DIR, in one line naming the directory', async () => {
    const t = await startTestApp({ dataDir: dir, seed: false });
    try {
      const second = await run([path.join(REPO_ROOT, 'src/main.ts')], { DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toEqual([`Another process is using the data directory ${dir} (a running service, a backup or a rebuild): stop it first, or set DATA_DIR to another directory`]);
      // The running service is untouched.
      await t.get('/indicators').expect(200);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('is free again once the holder is killed outright: the operating system releases the lock', async () => {
    const script = `require(${JSON.stringify(path.join(REPO_ROOT, 'src/infrastructure/data-dir-lock.ts'))}).DataDirLock.acquire(process.env.DATA_DIR); console.log('locked'); setInterval(() => {}, 1000);`;
    const holder = await run(['-e', script], { DATA_DIR: dir }, (stdout, kill) => {
      if (stdout.includes('locked')) {
        expect(() => DataDirLock.acquire(dir)).toThrow(DataDirInUseError);
        kill();
      }
    });
    expect(holder.signal).toBe('SIGKILL');
    DataDirLock.acquire(dir).release();
  }, 120_000);
});
