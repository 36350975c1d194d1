/**
 * A suite that needs a server never passes silently without one: each of its tests is reported
 * skipped, and under REQUIRE_SERVERS=1 (`npm run test:servers`) each fails. Checked on the smallest
 * gated suite, run by Jest in a child process with no server configured.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const SUITE = 'test/contract/mongo-projection-lease.spec.ts';

function runWithoutServers(extra: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const { MONGODB_URI: _mongo, EVENTSTORE_CONNECTION_STRING: _esdb, REQUIRE_SERVERS: _required, ...env } = process.env;
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', SUITE], { cwd: ROOT, env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('a suite that needs a server, without one', () => {
  it('reports each of its tests as skipped, after one line saying which variable to set', () => {
    const { status, output } = runWithoutServers({});
    expect(status).toBe(0);
    expect(output).toContain('skipped: no server (set MONGODB_URI');
    const skipped = Number(/Tests:\s+(\d+) skipped/.exec(output)?.[1]);
    expect(skipped).toBeGreaterThan(5);
  }, 120_000);

  it('fails every one of its tests under REQUIRE_SERVERS=1', () => {
    const { status, output } = runWithoutServers({ REQUIRE_SERVERS: '1' });
    expect(status).toBe(1);
    expect(output).toContain('REQUIRE_SERVERS=1 but MONGODB_URI is not set');
    expect(output).toMatch(/Tests:\s+\d+ failed, \d+ total/);
    expect(output).not.toMatch(/Tests:.*passed/);
  }, 120_000);
});
