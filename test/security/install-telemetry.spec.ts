/**
 * No install-time telemetry: swagger-ui-dist depends on @scarf/scarf, whose postinstall script
 * reports each install to scarf.sh unless the installing project opts out. package.json opts out
 * the way Scarf documents (`scarfSettings.enabled: false`; `skipTraversal` spares it the
 * `npm ls` it would run to find its dependents). The script itself is run here, as npm runs it
 * from the project's root, with its report sent to a local server instead of scarf.sh (its own
 * SCARF_LOCAL_PORT switch): it sends nothing for this project, and it does send for a project
 * without the setting, which shows the check can fail.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../src/config/config';

const REPORT_SCRIPT = path.join(REPO_ROOT, 'node_modules', '@scarf', 'scarf', 'report.js');

/** Runs Scarf's postinstall for the project in `root`; answers how many reports reached the local stand-in for scarf.sh. */
async function reportsSentFor(root: string): Promise<number> {
  let received = 0;
  const server = http.createServer((request, response) => {
    received += 1;
    request.resume();
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  try {
    const { port } = server.address() as { port: number };
    // The environment as a clean install sees it: none of the opt-out variables that would hide the setting.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SCARF_|DO_NOT_TRACK$|npm_)/.test(name)));
    const child = spawn(process.execPath, [REPORT_SCRIPT], { cwd: root, env: { ...env, INIT_CWD: root, SCARF_LOCAL_PORT: String(port) }, stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    return received;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('install-time telemetry', () => {
  it('is a dependency of the tree (the check below is about something real)', () => {
    expect(fs.existsSync(REPORT_SCRIPT)).toBe(true);
  });

  it('is turned off by package.json: Scarf sends nothing when installed for this project', async () => {
    const settings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scarfSettings;
    expect(settings).toEqual({ enabled: false, skipTraversal: true });
    expect(await reportsSentFor(REPO_ROOT)).toBe(0);
  });

  it('would send a report for a project without the setting', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-scarf-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'some-project', version: '1.0.0', scarfSettings: { skipTraversal: true } }));
      expect(await reportsSentFor(dir)).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
