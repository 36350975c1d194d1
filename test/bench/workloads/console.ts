/**
 * The web console: how much JavaScript a browser downloads (gzipped, as served over a compressing
 * proxy), and how long from navigating to the dashboard until it is usable — its 20 key indicators
 * listed and its filters ready — in Debian's Chromium, a fresh browser context (nothing cached) each run.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole, chromiumInstalled, CHROMIUM, launchChromium } from '../../support/chromium';
import type { Row } from '../support/report';
import { median, round } from '../support/stats';
import type { ServerHandle } from '../support/processes';

/** Where the console keeps the credential (web/src/auth/credential.ts). */
const CREDENTIAL_KEY = 'resolution-ledger.credential';

/** Builds the demo year into `dir` with the demo command (compiled beside this file in dist-bench). */
export function demoStore(dir: string): string {
  execFileSync(process.execPath, [path.join(__dirname, '../../../src/cli/demo.js')], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'development', EVENTSTORE_CONNECTION_STRING: '', MONGODB_URI: '' }, stdio: 'pipe', timeout: 300_000 });
  return dir;
}

export function consoleSizeRows(): Row[] {
  const dir = buildConsole();
  const assets = path.join(dir, 'assets');
  const gzipped = (file: string) => gzipSync(fs.readFileSync(path.join(assets, file))).length / 1024;
  const scripts = fs.readdirSync(assets).filter((file) => file.endsWith('.js'));
  const total = scripts.reduce((sum, file) => sum + gzipped(file), 0);
  // What the dashboard loads: the files its page names (the entry and what it preloads); the chart's file waits for an indicator page.
  const page = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const named = scripts.filter((file) => page.includes(`assets/${file}`));
  const dashboard = named.reduce((sum, file) => sum + gzipped(file), 0);
  return [
    { workload: `console JavaScript, gzipped (all ${scripts.length} files)`, unit: 'kB', ours: round(total, 1), baseline: null, ratio: null, goal: '< 300 kB', pass: total < 300, details: { files: Object.fromEntries(scripts.map((file) => [file, round(gzipped(file), 1)])) } },
    { workload: '  of which the dashboard loads', unit: 'kB', ours: round(dashboard, 1), baseline: null, ratio: null, goal: 'for information', pass: null, details: { files: named } },
  ];
}

export async function dashboardNavigationRow(server: ServerHandle, apiKey: string, runs: number, log: (line: string) => void): Promise<Row | null> {
  if (!chromiumInstalled()) {
    log(`  skipped: ${CHROMIUM} is missing (apt-get install chromium) — no navigation timing`);
    return null;
  }
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
      // Signed in already, as a user opening the console in a tab where they signed in: the key is in sessionStorage.
      // A string: this file is compiled without the DOM's types.
      await context.addInitScript(`sessionStorage.setItem(${JSON.stringify(CREDENTIAL_KEY)}, ${JSON.stringify(apiKey)})`);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`http://127.0.0.1:${server.port}/console/`);
      await page.locator('section[aria-labelledby="indicators-heading"] tbody tr >> nth=19').waitFor();
      await page.locator('#filter-status').waitFor();
      const ms = performance.now() - started;
      // The first run warms the service's and the browser's own code paths; it is not counted.
      if (run > 0) times.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const ms = median(times);
  return { workload: 'console: navigation → dashboard usable on the demo year (20 key indicators listed), Chromium', unit: 'ms', ours: round(ms, 0), baseline: null, ratio: null, goal: '< 1000 ms', pass: ms < 1000, details: { runsMs: times.map((t) => round(t, 0)) } };
}
