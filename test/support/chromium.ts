/**
 * Debian's Chromium (/usr/bin/chromium) through playwright-core, which never downloads a browser of
 * its own; and the console's build, for the browser suites and the benchmark.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The repository root, whether this file runs from test/ (Jest) or compiled into dist-bench/ (the benchmark). */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

const ROOT = packageRoot();

export function chromiumInstalled(): boolean {
  return fs.existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Builds the console into dist/web unless it is current (scripts/build-console.js keeps a digest of its sources). */
export function buildConsole(): string {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-console.js')], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
  return path.join(ROOT, 'dist', 'web');
}
