/** How the EventStoreDB client's errors become the ledger's. Uses the client's own error classes. */
import {
  AccessDeniedError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { isStreamNotFound, isWrongExpectedVersion, toLedgerError } from '../../../src/event-store/eventstoredb/client-errors';
import { StoreUnavailableError } from '../../../src/shared/errors';

describe('EventStoreDB client errors', () => {
  it('recognises a wrong expected version, with the server’s current revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'indicator-ind-10', current: 4n, expected: 2n });
    expect(isWrongExpectedVersion(error)).toBe(true);
    expect(error.actualVersion).toBe(4n);
    expect(isWrongExpectedVersion(new UnavailableError())).toBe(false);
  });

  it('recognises a missing stream, also across copies of the client (by type, not instanceof)', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'indicator-x'))).toBe(true);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });

  it.each([
    ['unavailable', new UnavailableError(undefined, '14 UNAVAILABLE: No connection established')],
    ['deadline exceeded', new DeadlineExceededError()],
    ['no leader', Object.assign(Object.create(NotLeaderError.prototype) as NotLeaderError, { type: 'not-leader', message: 'Not leader' })],
  ])('turns "%s" into a 503 StoreUnavailableError that keeps the cause', (_, error) => {
    const mapped = toLedgerError(error, 'appendToStream');
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', details: { operation: 'appendToStream' }, cause: error });
  });

  it('turns refused credentials into StoreUnavailableError naming the connection string', () => {
    const mapped = toLedgerError(new AccessDeniedError(), 'subscribeToAll') as StoreUnavailableError;
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped.message).toContain('EVENTSTORE_CONNECTION_STRING');
  });

  it('returns anything else unchanged, so defects surface as they are', () => {
    const plain = new TypeError('bug');
    expect(toLedgerError(plain, 'readAll')).toBe(plain);
    const wrongVersion = new WrongExpectedVersionError(undefined, { streamName: 's', current: 'no_stream', expected: 0n });
    expect(toLedgerError(wrongVersion, 'appendToStream')).toBe(wrongVersion);
  });
});
