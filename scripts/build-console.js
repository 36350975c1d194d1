#!/usr/bin/env node
/**
 * Builds the web console (web/) into dist/web with Vite, unless what it is built from has not
 * changed since the last build: `npm start` runs this every time, and a rebuild takes seconds.
 * What it is built from: every file under web/ (tests aside), the lock file (library versions),
 * and this script. Their digest is written beside the build as .build-digest.
 */
'use strict';
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const WEB = path.join(ROOT, 'web');
const OUT = path.join(ROOT, 'dist', 'web');
const DIGEST_FILE = path.join(OUT, '.build-digest');

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
      return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
    });
}

function sourceDigest() {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(WEB), path.join(ROOT, 'package-lock.json'), __filename]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const digest = sourceDigest();
const previous = fs.existsSync(DIGEST_FILE) ? fs.readFileSync(DIGEST_FILE, 'utf8').trim() : null;
if (previous === digest && fs.existsSync(path.join(OUT, 'index.html')) && !process.argv.includes('--force')) {
  console.log('web console: up to date (dist/web)');
  process.exit(0);
}
execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
  cwd: ROOT,
  stdio: 'inherit',
  // The caller's NODE_ENV (Jest sets `test`) would give React's development build.
  env: { ...process.env, NODE_ENV: 'production' },
});
fs.writeFileSync(DIGEST_FILE, `${digest}\n`);
console.log('web console: built into dist/web');
