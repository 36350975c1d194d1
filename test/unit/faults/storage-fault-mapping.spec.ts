/** Each adapter's words for "cannot write its files" become the one typed error the filter maps to 503 STORAGE_UNAVAILABLE. */
import { ErrorType } from '@eventstore/db-client';
import { toLedgerError } from '../../../src/event-store/eventstoredb/client-errors';
import { toStoreError } from '../../../src/read-models/mongo/mongo-errors';
import { sqliteStorageCause, StorageUnavailableError } from '../../../src/shared/storage-fault';

describe('storage faults, by adapter', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['SQLITE_IOERR', 'io_error'],
    ['SQLITE_IOERR_WRITE', 'io_error'],
    ['SQLITE_IOERR_FSYNC', 'io_error'],
    ['SQLITE_CONSTRAINT_UNIQUE', null],
    ['SQLITE_BUSY', null],
  ])('SQLite %s is %p', (code, cause) => {
    expect(sqliteStorageCause(Object.assign(new Error('x'), { name: 'SqliteError', code }))).toBe(cause);
  });

  it('MongoDB: OutOfDiskSpace, and a write error naming a read-only file system', () => {
    const full = toStoreError(Object.assign(new Error('Out of disk space'), { name: 'MongoServerError', code: 14031 }), 'commit');
    expect(full).toBeInstanceOf(StorageUnavailableError);
    expect(full).toMatchObject({ code: 'STORAGE_UNAVAILABLE', store: 'readStore', storageCause: 'disk_full' });
    const readOnly = toStoreError(Object.assign(new Error('WiredTiger error: Read-only file system'), { name: 'MongoServerError', code: 8 }), 'commit');
    expect(readOnly).toMatchObject({ storageCause: 'read_only' });
    expect(toStoreError(Object.assign(new Error('bad query'), { name: 'MongoServerError', code: 2 }), 'find')).not.toBeInstanceOf(StorageUnavailableError);
  });

  it('EventStoreDB: a server error naming a full disk', () => {
    const error = Object.assign(new Error('Unknown error: IOException: No space left on device'), { type: ErrorType.UNKNOWN });
    expect(toLedgerError(error, 'append')).toMatchObject({ code: 'STORAGE_UNAVAILABLE', store: 'eventStore', storageCause: 'disk_full', cause: error });
  });

  it('never tells the client more than the store and the cause', () => {
    const error = new StorageUnavailableError('eventStore', 'disk_full', new Error('/srv/ledger/events.db: database or disk is full'));
    expect(error.message).not.toContain('/srv');
    expect(error.details).toEqual({ store: 'eventStore', cause: 'disk_full' });
  });
});
