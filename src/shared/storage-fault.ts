/**
 * A store that cannot write: its disk is full, its file system is read-only, or its device fails.
 * Not a defect of ours and not the client's mistake: the client retries later (HTTP 503 +
 * Retry-After), and the operator is told which store and why (GET /health, the log). Each adapter
 * maps its driver's errors to this one type (SQLite's result codes here; MongoDB's in
 * src/read-models/mongo/mongo-errors.ts; EventStoreDB's in src/event-store/eventstoredb/client-errors.ts).
 */
import { LedgerError } from './errors';

/** Which store failed, as /health names it. */
export type StorageName = 'eventStore' | 'readStore';
/** Why, in the words an operator acts on. */
export type StorageCause = 'disk_full' | 'read_only' | 'io_error';

const STORE_LABEL: Readonly<Record<StorageName, string>> = { eventStore: 'event store', readStore: 'read-model store' };
const CAUSE_LABEL: Readonly<Record<StorageCause, string>> = {
  disk_full: 'its disk is full',
  read_only: 'its storage is read-only',
  io_error: 'its storage reports I/O errors',
};

export class StorageUnavailableError extends LedgerError {
  readonly code = 'STORAGE_UNAVAILABLE';

  constructor(
    readonly store: StorageName,
    readonly storageCause: StorageCause,
    driverError?: unknown,
  ) {
    super(`The ${STORE_LABEL[store]} cannot write: ${CAUSE_LABEL[storageCause]}. Nothing was written; retry later`, { store, cause: storageCause });
    // The driver's own error (its message names paths) goes to the log only, never to the client.
    if (driverError !== undefined) (this as { cause?: unknown }).cause = driverError;
  }
}

/**
 * SQLite's result codes for storage that cannot take a write (extended codes included:
 * SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…). Read by shape, not `instanceof`: better-sqlite3's
 * SqliteError class is that of the first module registry that loaded the addon.
 */
export function sqliteStorageCause(error: unknown): StorageCause | null {
  const code = (error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined) ?? '';
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'read_only';
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return code === 'SQLITE_IOERR_NOMEM' ? null : 'io_error';
  return null;
}

/**
 * The operating system's words for the same faults, as a server store passes them on (EventStoreDB
 * and MongoDB report the failed write of their own files in the message of a generic error).
 */
export function storageCauseInMessage(message: string): StorageCause | null {
  if (/no space left on device|disk (is )?full|ENOSPC|OutOfDiskSpace/i.test(message)) return 'disk_full';
  if (/read-only file system|EROFS/i.test(message)) return 'read_only';
  if (/input\/output error|EIO\b/i.test(message)) return 'io_error';
  return null;
}

/**
 * A store's file is damaged: SQLite finds its pages corrupt or the file is not a database, or a
 * stored row no longer reads back. Unlike a full disk this does not pass: the service says which
 * file and what to run (`npm run verify`, a restore from backup; docs/operations.md), and at start
 * it exits with EXIT_CODES.storeDamaged instead of serving what it cannot read.
 */
export class StoreDamagedError extends LedgerError {
  readonly code = 'STORE_DAMAGED';

  constructor(
    readonly store: StorageName,
    /** The damaged file's path: for the operator's log line, never for a client. */
    readonly file: string,
    readonly problem: string,
    driverError?: unknown,
  ) {
    // What is wrong stays in the log: a parser's message may quote the stored data itself.
    super(`The ${STORE_LABEL[store]} is damaged: the request could not be served. The operator is told what to do (GET /health, the log)`, { store });
    if (driverError !== undefined) (this as { cause?: unknown }).cause = driverError;
  }
}

/** A store that cannot be used now: full, read-only, failing, or damaged. */
export type StorageFault = StorageUnavailableError | StoreDamagedError;

/** Opens an embedded store's file, turning SQLite's "damaged" into StoreDamagedError naming the file. */
export function openingStore<T>(store: StorageName, file: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    const problem = sqliteDamage(error);
    throw problem === null ? error : new StoreDamagedError(store, file, problem, error);
  }
}

/** What SQLite says of a damaged file (SQLITE_CORRUPT and its extended codes, SQLITE_NOTADB), or null. */
export function sqliteDamage(error: unknown): string | null {
  const { code, message } = (error !== null && typeof error === 'object' ? error : {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) return typeof message === 'string' ? message : code;
  return null;
}
