/**
 * Reading the MongoDB driver's errors. Classification goes by `name`, `code` and labels rather
 * than `instanceof`, so it holds when the driver is loaded twice (Jest module registries).
 */
import { LedgerError, StoreUnavailableError } from '../../shared/errors';
import { storageCauseInMessage, StorageUnavailableError, type StorageCause } from '../../shared/storage-fault';

export const DUPLICATE_KEY = 11000;
/** An index with this name exists with other keys or options (IndexOptionsConflict, IndexKeySpecsConflict). */
const INDEX_CONFLICT_CODES: ReadonlySet<number> = new Set([85, 86]);

/**
 * Server codes that say "the deployment cannot serve this right now", not "this request is wrong":
 * host/network trouble, elections and step-downs, shutdowns, no majority for a read or write
 * concern, refused credentials. A read failing with one of these is a 503, never a 400.
 */
const UNAVAILABLE_CODES: ReadonlySet<number> = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  13, // Unauthorized
  18, // AuthenticationFailed
  64, // WriteConcernFailed
  89, // NetworkTimeout
  91, // ShutdownInProgress
  100, // UnsatisfiableWriteConcern
  133, // FailedToSatisfyReadPreference
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

const UNAVAILABLE_NAMES: ReadonlySet<string> = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoOperationTimeoutError',
  'MongoWriteConcernError',
]);

interface DriverErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errmsg?: unknown;
  keyValue?: unknown;
  writeErrors?: unknown;
  errorLabelSet?: unknown;
  hasErrorLabel?: (label: string) => boolean;
}

function shape(error: unknown): DriverErrorShape {
  return error !== null && typeof error === 'object' ? (error as DriverErrorShape) : {};
}

function firstWriteError(error: unknown): { code?: unknown; errmsg?: unknown; err?: { keyValue?: unknown; op?: unknown }; getOperation?: () => unknown } | null {
  const writeErrors = shape(error).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors && typeof writeErrors === 'object' ? [writeErrors] : [];
  return (list[0] as ReturnType<typeof firstWriteError>) ?? null;
}

export function errorCode(error: unknown): number | undefined {
  const code = shape(error).code ?? firstWriteError(error)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function isDuplicateKey(error: unknown): boolean {
  return errorCode(error) === DUPLICATE_KEY;
}

export function isIndexConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && INDEX_CONFLICT_CODES.has(code);
}

export function isUnavailable(error: unknown): boolean {
  const { name } = shape(error);
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  const code = errorCode(error);
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
  const hasLabel = shape(error).hasErrorLabel;
  return typeof hasLabel === 'function' && (hasLabel.call(error, 'RetryableWriteError') || hasLabel.call(error, 'ResetPool'));
}

/** MongoDB's OutOfDiskSpace; other storage faults (read-only, I/O) come as generic errors naming the cause. */
const OUT_OF_DISK_SPACE = 14031;

/** Why the server could not write its files, if that is what the error says. */
export function storageCauseOf(error: unknown): StorageCause | null {
  if (errorCode(error) === OUT_OF_DISK_SPACE) return 'disk_full';
  const message = [shape(error).errmsg, shape(error).message, firstWriteError(error)?.errmsg].find((m): m is string => typeof m === 'string');
  return message === undefined ? null : storageCauseInMessage(message);
}

export interface DuplicateKeyInfo {
  /** The collection whose index refused the write, without the database name, when the message names it. */
  collection: string | null;
  indexName: string;
  /** The clashing key, when the server reported it (4.2+ does). */
  keyValue: Record<string, unknown> | null;
  /** `_id` of the document whose write was refused, when the error names the operation. */
  incomingId: string | null;
}

/** What an E11000 error says: collection and index name (from the message), key value, and the refused document's `_id`. */
export function duplicateKeyInfo(error: unknown): DuplicateKeyInfo | null {
  if (!isDuplicateKey(error)) return null;
  const writeError = firstWriteError(error);
  const message = [writeError?.errmsg, shape(error).errmsg, shape(error).message].find((m): m is string => typeof m === 'string' && m.includes('index:')) ?? '';
  const indexName = /index: (\S+) dup key/.exec(message)?.[1] ?? 'unknown';
  // `collection: <database>.<collection> index:` (a database name holds no dot).
  const namespace = /collection: (\S+) index:/.exec(message)?.[1];
  const keyValue = shape(error).keyValue ?? writeError?.err?.keyValue;
  return {
    collection: namespace ? namespace.slice(namespace.indexOf('.') + 1) : null,
    indexName,
    keyValue: keyValue && typeof keyValue === 'object' ? (keyValue as Record<string, unknown>) : null,
    incomingId: incomingIdOf(writeError),
  };
}

function incomingIdOf(writeError: ReturnType<typeof firstWriteError>): string | null {
  if (!writeError) return null;
  const op = (typeof writeError.getOperation === 'function' ? writeError.getOperation() : writeError.err?.op) as
    | { _id?: unknown; q?: { _id?: unknown }; u?: { _id?: unknown } }
    | undefined;
  const id = op?.u?._id ?? op?.q?._id ?? op?._id;
  return typeof id === 'string' ? id : null;
}

/**
 * The ledger's error for a failed request: unavailability is a 503 (StoreUnavailableError); our
 * typed errors and anything else pass through unchanged (the queries are ours, so a refused one is
 * a defect, logged as a 500).
 */
export function toStoreError(error: unknown, operation: string): unknown {
  if (error instanceof LedgerError) return error;
  const storage = storageCauseOf(error);
  if (storage !== null) return new StorageUnavailableError('readStore', storage, error);
  if (isUnavailable(error)) return unavailable(error, operation);
  return error;
}

export function unavailable(error: unknown, operation: string): StoreUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  const mapped = new StoreUnavailableError('READ_STORE_UNAVAILABLE', `MongoDB is unavailable (${operation}): ${reason}`, {
    operation,
    reason: typeof shape(error).name === 'string' ? shape(error).name : 'unknown',
  });
  (mapped as { cause?: unknown }).cause = error;
  return mapped;
}
