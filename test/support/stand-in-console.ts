/**
 * A stand-in for the built console (dist/web): a page and one asset, so that suites about how the
 * service serves it do not depend on whether `npm run build:web` has run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface StandInConsole {
  dir: string;
  remove(): void;
}

export function standInConsole(assets: Record<string, string> = { 'assets/index-4f2a9c.js': 'console.log("console")' }): StandInConsole {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Bảng điều khiển</title><script type="module" src="/console/assets/index-4f2a9c.js"></script>');
  for (const [file, text] of Object.entries(assets)) fs.writeFileSync(path.join(dir, file), text);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
