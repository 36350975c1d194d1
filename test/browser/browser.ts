/**
 * Debian's Chromium driven by playwright-core (which never downloads a browser of its own). Without
 * /usr/bin/chromium the browser suites are skipped with the reason printed; under REQUIRE_BROWSER=1
 * they fail instead. `.ci/run` installs the package (fail-soft, like docker-compose).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, chromiumInstalled } from '../support/chromium';

export { buildConsole, launchChromium } from '../support/chromium';

const ROOT = path.join(__dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'browser-screenshots');

const browserRequired = process.env.REQUIRE_BROWSER === '1';

export function describeWithBrowser(title: string, declare: () => void): void {
  if (chromiumInstalled()) {
    describe(title, declare);
    return;
  }
  if (browserRequired) {
    describe(title, () => {
      beforeAll(() => {
        throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install chromium; see docs/testing.md)`);
      });
      declare();
    });
    return;
  }
  process.stdout.write(`skipped: ${CHROMIUM} is missing (apt-get install chromium to run ${title}; see docs/testing.md)\n`);
  describe.skip(title, declare);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * axe-core's serious and critical violations on the page as it is. The script is evaluated through
 * the DevTools protocol: the console's content-security policy (rightly) refuses an injected tag.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // A string, run in the page: this file is compiled without the DOM's types.
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)")) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')})`);
}
