/**
 * What a backup of the embedded stores holds, written beside its files as `backup.json`: each
 * file with its size and SHA-256 (a copy damaged in storage or transit is refused at restore), and
 * the audit digest of the ledger it holds, so that a restored ledger can be checked against it,
 * and against a digest published earlier (`npm run verify -- --digest … --position …`).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MANIFEST_FILE = 'backup.json';
/** The ledger first, then the read models (derived from it: a restore may also drop them and rebuild). */
export const EVENTS_FILE = 'events.db';
export const READ_MODELS_FILE = 'read-models.db';

export interface BackupManifest {
  format: 'resolution-ledger-backup/1';
  createdAt: string;
  files: Array<{ name: string; bytes: number; sha256: string }>;
  ledger: {
    /** The ledger's last global position in the copy. */
    position: number;
    events: number;
    streams: number;
    /** The audit digest at `position` (docs/audit-and-integrity.md). */
    digest: string;
    digestAlgorithm: string;
    /** Streams whose hash chain did not verify in the copy (a backup records what it found). */
    brokenStreams: string[];
  };
}

export class BackupRefusedError extends Error {}

export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function writeManifest(dir: string, manifest: BackupManifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  } catch (error) {
    throw new BackupRefusedError(`${file} cannot be read (${(error as Error).message}): is ${dir} a backup made by npm run backup?`);
  }
  if (manifest.format !== 'resolution-ledger-backup/1' || !Array.isArray(manifest.files) || !manifest.ledger) {
    throw new BackupRefusedError(`${file} is not a manifest of npm run backup`);
  }
  return manifest;
}
