/**
 * `npm run principals:hash-key` makes keys the service accepts, and refuses to hash one it would
 * refuse: run as the script runs it (the CLI's own source, in a child process).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { apiKeyWeakness } from '../../src/auth/api-key-strength';
import { PrincipalDirectory } from '../../src/auth/principal-directory';
import { REPO_ROOT } from '../../src/config/config';

function hashKey(input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/ts-require.js'), path.join(REPO_ROOT, 'src/cli/hash-api-key.ts')], {
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('principals:hash-key', () => {
  it('makes a new key that meets the minimum strength, and an entry that authenticates it once filled in', () => {
    const { status, stdout } = hashKey();
    expect(status).toBe(0);
    const key = /API key \(give it to the client, store it nowhere else\): (\S+)/.exec(stdout)?.[1] as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(apiKeyWeakness(key)).toBeNull();
    const entry = JSON.parse(/Principals file entry: (.+)/.exec(stdout)?.[1] as string) as Record<string, unknown>;
    const directory = PrincipalDirectory.fromEntries([{ ...entry, name: 'Phòng Y tế – dịch vụ', unitId: 'phong-y-te' }]);
    expect(directory.authenticate(key)?.unitId).toBe('phong-y-te');
  });

  it('hashes a strong key given on standard input, and refuses a weak one without printing it', () => {
    const strong = 'Zq3-7fK_p1LmN8xR2vT6wY0aB4cD9eG5hJ';
    expect(hashKey(strong)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^[0-9a-f]{64}\n$/) });
    const weak = hashKey('phongkinhte2021');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('shorter than 32 characters');
    expect(weak.stdout + weak.stderr).not.toContain('phongkinhte2021');
  });
});
