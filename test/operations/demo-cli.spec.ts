/**
 * `npm run demo` as the script runs it (the CLI's own source, in a child process): its own data
 * directory by default, the command that serves it, a rerun that appends nothing, and the stores
 * it refuses to write into.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../src/config/config';
import { startTestApp } from '../support/test-app';

const CHILD_TIMEOUT_MS = 180_000;

function runDemo(cwd: string, env: NodeJS.ProcessEnv, args: string[] = ['--only=ind-10']): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { DATA_DIR: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/ts-require.js'), path.join(REPO_ROOT, 'src/cli/demo.ts'), ...args], {
    cwd,
    env: { ...inherited, LOG_LEVEL: 'silent', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('npm run demo', () => {
  let workDir: string;

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-demo-cli-'));
  });

  afterAll(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'builds into ./data-demo by default, says how to serve it, and appends nothing when run again',
    async () => {
      const first = await runDemo(workDir, {});
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('DATA_DIR=./data-demo npm start');
      expect(fs.existsSync(path.join(workDir, 'data-demo', 'events.db'))).toBe(true);
      const applied = Number(/(\d+) commands applied, 0 already present/.exec(first.stdout)?.[1]);
      expect(applied).toBeGreaterThan(0);

      const again = await runDemo(workDir, {});
      expect(again.status).toBe(0);
      expect(again.stdout).toContain(`0 commands applied, ${applied} already present`);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'refuses a data directory holding a ledger it did not build, production mode, and ids the seed does not hold',
    async () => {
      const plainDir = path.join(workDir, 'plain');
      const plain = await startTestApp({ dataDir: plainDir });
      const seeded = await plain.eventStore.headPosition();
      await plain.close();

      const refused = await runDemo(workDir, { DATA_DIR: plainDir });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('not a demo store');

      const production = await runDemo(workDir, { DATA_DIR: path.join(workDir, 'production'), NODE_ENV: 'production' });
      expect(production.status).toBe(1);
      expect(production.stderr).toContain('outside production mode');
      expect(fs.existsSync(path.join(workDir, 'production'))).toBe(false);

      const misnamed = await runDemo(workDir, { DATA_DIR: path.join(workDir, 'misnamed') }, ['--only=ind-99']);
      expect(misnamed.status).toBe(1);
      expect(misnamed.stderr).toContain('ind-99');
      expect(fs.existsSync(path.join(workDir, 'misnamed'))).toBe(false);

      const reopened = await startTestApp({ dataDir: plainDir, seed: false });
      try {
        expect(await reopened.eventStore.headPosition()).toBe(seeded);
        // A directory another process holds: one line naming it, no injector stack trace.
        const inUse = await runDemo(workDir, { DATA_DIR: plainDir });
        expect(inUse.status).toBe(1);
        expect(inUse.stderr.trim().split('\n')).toEqual([expect.stringContaining(`Another process is using the data directory`)]);
      } finally {
        await reopened.close();
      }
    },
    CHILD_TIMEOUT_MS,
  );
});
