/**
 * Remembers whether an embedded store's last write failed for want of storage, and finds out,
 * when asked, whether it could write again: the service recovers by itself when space returns,
 * without waiting for a client's write to succeed (a load balancer that took the instance out on
 * /health's 503 sends none).
 *
 * The probe asks what a write needs: free space on the file system, a writable file, and room in
 * the database (SQLite refuses pages past `max_page_count` as it refuses them on a full disk). It
 * writes PROBE_BYTES in a transaction it rolls back, so it leaves nothing behind.
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { sqliteDamage, sqliteStorageCause, StoreDamagedError, StorageUnavailableError, type StorageFault, type StorageName } from './storage-fault';

/** Less free space than this on the file system counts as full: a group commit of events needs about that. */
const MIN_FREE_BYTES = 1024 * 1024;
/** What the probe writes, more than one page's free space, so it needs fresh pages as a real write would. */
const PROBE_BYTES = 64 * 1024;
/** What the file system's answers amount to, in SQLite's words (the driver's result codes, not ours). */
const AS_SQLITE = { full: 'SQLITE_FULL', readOnly: 'SQLITE_READONLY' } as const;

export class SqliteWriteWatch {
  private fault: StorageUnavailableError | null = null;
  /** Damage does not pass by itself: once met, it is reported until the service is restarted on a sound file. */
  private damage: StoreDamagedError | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly store: StorageName,
    private readonly filename: string,
  ) {}

  /** The error to throw for a failed write: a StorageUnavailableError (remembered) when storage refused it, else the error itself. */
  failed(error: unknown): unknown {
    const damaged = this.damaged(error);
    if (damaged !== error) return damaged;
    const cause = sqliteStorageCause(error);
    if (cause === null) return error;
    this.fault = new StorageUnavailableError(this.store, cause, error);
    return this.fault;
  }

  /** The error to throw for a failed read or write: a StoreDamagedError (remembered) when SQLite found the file damaged, else the error itself. */
  damaged(error: unknown): unknown {
    if (error instanceof StoreDamagedError) return (this.damage ??= error);
    // By name: JSON.parse's SyntaxError may come from another realm (a test sandbox).
    const unreadable = (error as { name?: unknown } | null)?.name === 'SyntaxError' ? `a stored row no longer reads back as JSON (${(error as Error).message})` : null;
    const problem = unreadable ?? sqliteDamage(error);
    if (problem === null) return error;
    this.damage ??= new StoreDamagedError(this.store, this.filename, problem, error);
    return this.damage;
  }

  succeeded(): void {
    this.fault = null;
  }

  /** The storage fault that stops writes now, if any: damage first; a write fault probed again. */
  currentFault(): StorageFault | null {
    if (this.damage) return this.damage;
    if (this.fault === null) return null;
    try {
      this.probe();
      this.fault = null;
    } catch (error) {
      const cause = sqliteStorageCause(error);
      if (cause !== null) this.fault = new StorageUnavailableError(this.store, cause, error);
    }
    return this.fault;
  }

  private probe(): void {
    if (this.filename !== ':memory:' && this.filename !== '') {
      const space = statfsSync(dirname(this.filename));
      if (space.bavail * space.bsize < MIN_FREE_BYTES) throw Object.assign(new Error(`${space.bavail * space.bsize} bytes free`), { code: AS_SQLITE.full });
      try {
        accessSync(this.filename, constants.W_OK);
      } catch (error) {
        throw Object.assign(new Error((error as Error).message), { code: AS_SQLITE.readOnly });
      }
    }
    // Never inside a transaction of the store's own: its statements run synchronously, so none is open here.
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.exec('CREATE TABLE storage_probe (b BLOB)');
      this.db.prepare('INSERT INTO storage_probe VALUES (zeroblob(?))').run(PROBE_BYTES);
    } finally {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }
}
