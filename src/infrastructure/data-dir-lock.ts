/**
 * One process per data directory. The embedded stores are files that one process at a time may
 * write: two services on the same directory would each run a projection runner over the same
 * read models, and a backup or rebuild beside a running service would race it.
 *
 * The lock is SQLite's own exclusive lock on `DATA_DIR/ledger.lock`, held by an open transaction
 * for as long as the process runs. The operating system releases it when the process ends, however
 * it ends (kill -9 included), so there is never a stale lock file to delete by hand.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../shared/errors';

export const LOCK_FILE = 'ledger.lock';

/** Another process holds the data directory. */
export class DataDirInUseError extends LedgerError {
  readonly code = 'DATA_DIR_IN_USE';

  constructor(readonly dataDir: string) {
    super(`Another process is using the data directory ${dataDir} (a running service, a backup or a rebuild): stop it first, or set DATA_DIR to another directory`, { dataDir });
  }
}

export class DataDirLock {
  private constructor(
    private readonly db: Database.Database,
    readonly dataDir: string,
  ) {}

  /** Takes the lock at once or throws DataDirInUseError; never waits. */
  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, LOCK_FILE));
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir);
      throw error;
    }
    return new DataDirLock(db, dataDir);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
