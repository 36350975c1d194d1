/**
 * Recognises the client's errors and turns the ones the ledger understands into its own.
 *
 * The client's error classes carry a string `type` (its `ErrorType`); we test that, not
 * `instanceof`, so an error still matches when the client is loaded twice (Jest module
 * registries, a hoisted copy) — the same lesson as the SQLite adapter's constraint errors.
 */
import { ErrorType } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../shared/errors';
import { storageCauseInMessage, StorageUnavailableError } from '../../shared/storage-fault';
import { EventStoreNoLeaderError } from './eventstoredb.errors';

/** Client errors that mean "the server cannot be used right now": retrying later may succeed. */
const UNAVAILABLE: ReadonlySet<string> = new Set([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.CANCELLED]);

/**
 * The client's message when gossip found no member to talk to: @eventstore/db-client 6 throws a
 * plain `Error("Failed to discover after N attempts.")` from its discovery (src/Client/discovery.ts).
 * It carries no `type`, so the message is all there is to recognise it by; a test runs the real
 * client's discovery against closed ports to keep this in step with the installed client.
 */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

export function isDiscoveryFailure(error: unknown): boolean {
  if (error === null || typeof error !== 'object' || clientErrorType(error) !== undefined) return false;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && DISCOVERY_FAILED.test(message);
}

export function clientErrorType(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

export function isWrongExpectedVersion(error: unknown): error is { type: string; actualVersion?: bigint | string } {
  return clientErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(error: unknown): boolean {
  return clientErrorType(error) === ErrorType.STREAM_NOT_FOUND;
}

/**
 * The ledger's error for a client error that is not part of the port's contract: connection and
 * leadership problems (a failed discovery, a node that is not the leader: `EventStoreNoLeaderError`)
 * and refused credentials become a 503 `StoreUnavailableError` (the caller can retry; a retried
 * command is idempotent); a server that cannot write its files, a 503 `StorageUnavailableError`. Anything else is returned unchanged: it is a defect or a server fault,
 * and must surface as it is.
 */
export function toLedgerError(error: unknown, operation: string): unknown {
  if (isDiscoveryFailure(error)) return withCause(new EventStoreNoLeaderError(operation, 'discovery-failed', messageOf(error)), error);
  const type = clientErrorType(error);
  if (type === undefined) return error;
  const reason = messageOf(error);
  // A server that cannot write its own files (disk full, read-only, I/O errors) answers with a generic error naming the cause.
  const storage = storageCauseInMessage(reason);
  if (storage !== null) return new StorageUnavailableError('eventStore', storage, error);
  if (type === ErrorType.NOT_LEADER) return withCause(new EventStoreNoLeaderError(operation, 'not-leader', reason), error);
  if (UNAVAILABLE.has(type)) {
    return withCause(new StoreUnavailableError('EVENT_STORE_UNAVAILABLE', `EventStoreDB is unavailable (${operation}): ${reason}`, { operation, reason: type }), error);
  }
  if (type === ErrorType.ACCESS_DENIED) {
    return withCause(
      new StoreUnavailableError('EVENT_STORE_UNAVAILABLE', `EventStoreDB refused the ledger's credentials (${operation}); check EVENTSTORE_CONNECTION_STRING`, {
        operation,
        reason: type,
      }),
      error,
    );
  }
  return error;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function withCause<E extends Error>(error: E, cause: unknown): E {
  (error as { cause?: unknown }).cause = cause;
  return error;
}
