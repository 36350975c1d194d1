/**
 * docker-compose.yml parses, in its default shape and with the `cluster` profile, for the compose
 * tool installed here (CI installs Debian's docker-compose 1.29). Without one, the suite prints a
 * single line and is reported as skipped.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/validate-compose.sh');
const validate = (file?: string) => spawnSync('bash', [SCRIPT, ...(file ? [file] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

const probe = validate();
const installed = probe.status !== 2;

if (installed) {
  describe('docker-compose.yml', () => {
    it('is valid by default and with --profile cluster', () => {
      expect({ status: probe.status, stderr: probe.stderr }).toEqual({ status: 0, stderr: '' });
      expect(probe.stdout).toContain('valid');
    });

    it('is refused when broken, so the check can fail', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ledger-compose-'));
      try {
        const broken = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace('condition: service_healthy', 'condition: when_it_feels_like_it');
        writeFileSync(join(dir, 'docker-compose.yml'), broken);
        copyFileSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
        expect(validate(join(dir, 'docker-compose.yml')).status).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
} else {
  process.stdout.write('skipped: docker-compose not installed (apt-get install docker-compose) to validate docker-compose.yml\n');
  describe.skip('docker-compose.yml (needs docker-compose)', () => {
    it('is valid by default and with --profile cluster', () => undefined);
  });
}
