/** How the EventStoreDB client's errors become the ledger's. Uses the client's own error classes. */
import {
  AccessDeniedError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { isDiscoveryFailure, isStreamNotFound, isWrongExpectedVersion, toLedgerError } from '../../../src/event-store/eventstoredb/client-errors';
import { EventStoreNoLeaderError } from '../../../src/event-store/eventstoredb/eventstoredb.errors';
import { StoreUnavailableError } from '../../../src/shared/errors';

/** A gRPC error as the server sends it to a follower asked for a leader's work, with the leader's address. */
function notLeaderFromServer(): NotLeaderError {
  const metadata = { getMap: () => ({ exception: 'not-leader', 'leader-endpoint-host': 'es2', 'leader-endpoint-port': '2113' }) };
  return new NotLeaderError({ code: 5, details: 'Leader info available', message: '5 NOT_FOUND: Leader info available', metadata } as never);
}

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

  it.each([
    ['a failed discovery (the client throws a plain Error)', new Error('Failed to discover after 10 attempts.'), 'discovery-failed'],
    ['a node that is not the leader', notLeaderFromServer(), 'not-leader'],
  ])('turns %s into EventStoreNoLeaderError: a 503 StoreUnavailableError that says why', (_, error, reason) => {
    const mapped = toLedgerError(error, 'appendToStream');
    expect(mapped).toBeInstanceOf(EventStoreNoLeaderError);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', details: { operation: 'appendToStream', reason }, cause: error });
    expect((mapped as Error).message).toContain(error.message);
  });

  it('recognises a failed discovery by the client’s words only, on an error that carries no client type', () => {
    expect(isDiscoveryFailure(new Error('Failed to discover after 3 attempts.'))).toBe(true);
    expect(isDiscoveryFailure(new Error('Discovery failed'))).toBe(false);
    expect(isDiscoveryFailure(Object.assign(new Error('Failed to discover after 3 attempts.'), { type: 'unknown' }))).toBe(false);
    expect(isDiscoveryFailure('Failed to discover after 3 attempts.')).toBe(false);
    const unrelated = new Error('Failed to parse');
    expect(toLedgerError(unrelated, 'readAll')).toBe(unrelated);
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
