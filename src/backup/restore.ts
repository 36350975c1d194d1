/**
 * Restores a backup of the embedded stores into a data directory, after checking it: each file's
 * SHA-256 against the manifest, SQLite's integrity check, every hash chain, and the ledger's audit
 * digest against the one recorded when the backup was taken. Nothing is deleted: files already in
 * the data directory are moved aside into `replaced-<time>/`. A data directory a running process
 * holds (its DATA_DIR lock) is refused.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DataDirLock } from '../infrastructure/data-dir-lock';
import { ledgerSummary } from './backup';
import { BackupRefusedError, EVENTS_FILE, readManifest, sha256OfFile, type BackupManifest } from './backup-manifest';

/** The files an embedded data directory holds beside the databases (SQLite's WAL and shared memory). */
const SIDE_FILES = ['-wal', '-shm'];

/** Checks a backup where it lies (on a scratch copy, so the backup itself is never opened for writing); returns its manifest. */
export async function checkBackup(dir: string): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  if (!manifest.files.some((file) => file.name === EVENTS_FILE)) throw new BackupRefusedError(`${dir} holds no ${EVENTS_FILE}`);
  for (const file of manifest.files) {
    const full = path.join(dir, file.name);
    if (!fs.existsSync(full)) throw new BackupRefusedError(`${full} is missing from the backup`);
    if (sha256OfFile(full) !== file.sha256) throw new BackupRefusedError(`${full} is not the file the backup recorded (its SHA-256 differs): the copy was damaged or changed`);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-restore-check-'));
  try {
    for (const file of manifest.files) {
      const copy = path.join(scratch, file.name);
      fs.copyFileSync(path.join(dir, file.name), copy);
      const db = new Database(copy, { fileMustExist: true });
      try {
        const verdict = db.pragma('integrity_check', { simple: true });
        if (verdict !== 'ok') throw new BackupRefusedError(`${file.name} in ${dir} fails SQLite's integrity check: ${String(verdict)}`);
      } finally {
        db.close();
      }
    }
    const ledger = await ledgerSummary(path.join(scratch, EVENTS_FILE));
    // A chain edited after the backup was taken: the heads (and so the digest) may be intact, the chain is not.
    const newlyBroken = ledger.brokenStreams.filter((stream) => !manifest.ledger.brokenStreams.includes(stream));
    if (newlyBroken.length > 0) {
      throw new BackupRefusedError(`The ledger in ${dir} is not the one the backup recorded: the hash chains of ${newlyBroken.join(', ')} no longer verify`);
    }
    if (ledger.digest !== manifest.ledger.digest || ledger.position !== manifest.ledger.position) {
      throw new BackupRefusedError(
        `The ledger in ${dir} is not the one the backup recorded: digest ${ledger.digest} at position ${ledger.position}, recorded ${manifest.ledger.digest} at ${manifest.ledger.position}`,
      );
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return manifest;
}

export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Where the files the data directory held before were moved, if it held any. */
  replacedInto: string | null;
}

export async function restoreBackup(backupDir: string, dataDir: string, now: Date = new Date()): Promise<RestoreOutcome> {
  // Held for the whole restore: no service may start on the directory while its files are swapped.
  const lock = DataDirLock.acquire(dataDir);
  try {
    const manifest = await checkBackup(backupDir);
    const replacedInto = moveAside(dataDir, manifest, now);
    for (const file of manifest.files) {
      // Copied under a temporary name, then renamed: a restore cut short leaves no half-copied database.
      const target = path.join(dataDir, file.name);
      fs.copyFileSync(path.join(backupDir, file.name), `${target}.restoring`);
      fs.renameSync(`${target}.restoring`, target);
    }
    return { manifest, replacedInto };
  } finally {
    lock.release();
  }
}

/** Moves the databases the directory holds (and their WAL files) into `replaced-<time>/`. */
function moveAside(dataDir: string, manifest: BackupManifest, now: Date): string | null {
  const names = [EVENTS_FILE, ...manifest.files.map((file) => file.name), 'read-models.db'];
  const present = [...new Set(names)].flatMap((name) => [name, ...SIDE_FILES.map((suffix) => name + suffix)]).filter((name) => fs.existsSync(path.join(dataDir, name)));
  if (present.length === 0) return null;
  const aside = path.join(dataDir, `replaced-${now.toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(aside);
  for (const name of present) fs.renameSync(path.join(dataDir, name), path.join(aside, name));
  return aside;
}
