/**
 * Recognises the client's errors and turns the ones the ledger understands into its own.
 *
 * The client's error classes carry a string `type` (its `ErrorType`); we test that, not
 * `instanceof`, so an error still matches when the client is loaded twice (Jest module
 * registries, a hoisted copy) — the same lesson as the SQLite adapter's constraint errors.
 */
import { ErrorType } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../shared/errors';

/** Client errors that mean "the server cannot be used right now": retrying later may succeed. */
const UNAVAILABLE: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

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
 * leadership problems and refused credentials become a 503 `StoreUnavailableError` (the caller can
 * retry; a retried command is idempotent). Anything else is returned unchanged: it is a defect or
 * a server fault, and must surface as it is.
 */
export function toLedgerError(error: unknown, operation: string): unknown {
  const type = clientErrorType(error);
  if (type === undefined) return error;
  const reason = error instanceof Error ? error.message : String(error);
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

function withCause<E extends Error>(error: E, cause: unknown): E {
  (error as { cause?: unknown }).cause = cause;
  return error;
}
