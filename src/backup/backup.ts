/**
 * An online, consistent copy of the embedded stores, taken with SQLite's backup API while the
 * service runs (it reads a snapshot and restarts by itself when a page changes under it), so
 * nobody has to stop the service or copy files that are half-written.
 *
 * The read models are copied first, then the ledger: a copy's read models may then be behind its
 * ledger (caught up at the next start), never ahead of it, which the service would refuse
 * (READ_MODELS_AHEAD_OF_LEDGER). The copy's audit digest is computed from the copy itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { DIGEST_ALGORITHM } from '../integrity/audit-digest';
import { scanLedger } from '../integrity/ledger-scan';
import { BackupRefusedError, EVENTS_FILE, READ_MODELS_FILE, sha256OfFile, writeManifest, type BackupManifest } from './backup-manifest';

export interface EmbeddedFiles {
  events: string;
  readModels: string;
}

export async function backupEmbeddedStores(source: EmbeddedFiles, target: string, now: Date = new Date()): Promise<BackupManifest> {
  if (!fs.existsSync(source.events)) throw new BackupRefusedError(`There is no ledger to back up: ${source.events} does not exist`);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new BackupRefusedError(`${target} is not empty: back up into a new directory`);
  fs.mkdirSync(target, { recursive: true });
  const copies: Array<[from: string, name: string]> = [
    [source.readModels, READ_MODELS_FILE],
    [source.events, EVENTS_FILE],
  ];
  for (const [from, name] of copies) {
    if (!fs.existsSync(from)) continue;
    const db = new Database(from, { fileMustExist: true });
    try {
      await db.backup(path.join(target, name));
    } finally {
      db.close();
    }
  }
  const ledger = await ledgerSummary(path.join(target, EVENTS_FILE));
  const files = copies
    .map(([, name]) => path.join(target, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => ({ name: path.basename(file), bytes: fs.statSync(file).size, sha256: sha256OfFile(file) }));
  const manifest: BackupManifest = { format: 'resolution-ledger-backup/1', createdAt: now.toISOString(), files, ledger };
  writeManifest(target, manifest);
  return manifest;
}

/** The ledger a copy of events.db holds: every chain verified, and its audit digest. */
export async function ledgerSummary(eventsFile: string): Promise<BackupManifest['ledger']> {
  const store = new SqliteEventStore({ filename: eventsFile });
  try {
    const scan = await scanLedger(store);
    return {
      position: scan.position,
      events: scan.events,
      streams: scan.streams.length,
      digest: scan.digest,
      digestAlgorithm: DIGEST_ALGORITHM,
      brokenStreams: scan.streams.filter((stream) => !stream.valid).map((stream) => stream.streamId),
    };
  } finally {
    await store.close();
  }
}
