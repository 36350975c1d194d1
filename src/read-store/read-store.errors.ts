/**
 * Typed errors of the read store adapters. Query problems are bad input (they derive from
 * InvalidInputError, so the HTTP layer answers 400 without knowing about read stores); write
 * problems are defects in a projection or the runner and must surface loudly.
 */
import { InvalidInputError, LedgerError } from '../shared/errors';

/** A filter, projection, sort or pipeline carries something that would run code or reach prototypes. */
export class UnsafeQueryError extends InvalidInputError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('UNSAFE_QUERY', `Query refused at ${path || '(root)'}: ${reason}`, { path, reason });
  }
}

/** The query language rejected the query: an unknown operator, a malformed stage, a bad skip or limit. */
export class InvalidQueryError extends InvalidInputError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_QUERY', message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A write would give two documents the same key in a unique index (MongoDB's E11000). */
export class DuplicateKeyError extends LedgerError {
  readonly code = 'DUPLICATE_KEY';

  constructor(
    readonly collection: string,
    readonly indexName: string,
    readonly documentIds: readonly [string, string],
  ) {
    super(`Documents ${documentIds[0]} and ${documentIds[1]} share a key in unique index ${collection}.${indexName}`, {
      collection,
      indexName,
      documentIds,
    });
  }
}

/** An index name is already in use with a different definition; changing it needs an explicit drop. */
export class IndexConflictError extends LedgerError {
  readonly code = 'INDEX_CONFLICT';

  constructor(
    readonly collection: string,
    readonly indexName: string,
  ) {
    super(`Index ${collection}.${indexName} already exists with a different definition`, { collection, indexName });
  }
}

/** A document cannot be stored: no string `_id`, or values that cannot be copied (functions, symbols). */
export class InvalidDocumentError extends LedgerError {
  readonly code = 'INVALID_DOCUMENT';

  constructor(
    readonly collection: string,
    reason: string,
  ) {
    super(`Document refused by ${collection}: ${reason}`, { collection, reason });
  }
}

/** The store was closed; using it afterwards is a lifecycle bug, not an empty result. */
export class ReadStoreClosedError extends LedgerError {
  readonly code = 'READ_STORE_CLOSED';

  constructor() {
    super('The read store is closed');
  }
}
