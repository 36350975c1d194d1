/**
 * Typed errors. Each carries a stable machine-readable code; the HTTP layer maps the classes to
 * status codes in one exception filter and nowhere else.
 */

export abstract class LedgerError extends Error {
  abstract readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** A business rule refused the command (HTTP 422). */
export class BusinessRuleError extends LedgerError {
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/** The actor's roles or unit do not allow the command (HTTP 403). */
export class ForbiddenError extends LedgerError {
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/** The stream was not at the revision the writer expected (HTTP 409). */
export class ConcurrencyError extends LedgerError {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expectedRevision: number | 'no_stream',
    readonly currentRevision: number | null,
  ) {
    super(
      `Stream ${streamId} is at revision ${currentRevision ?? 'none'}, expected ${expectedRevision === 'no_stream' ? 'no stream' : expectedRevision}`,
      { streamId, expectedRevision, currentRevision },
    );
  }
}

/** Something named in the request does not exist (HTTP 404). */
export class NotFoundError extends LedgerError {
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/** Malformed input that got past DTO validation, e.g. a bad period string deep in the domain (HTTP 400). */
export class InvalidInputError extends LedgerError {
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/** The caller did not prove who they are (HTTP 401). */
export class UnauthenticatedError extends LedgerError {
  readonly code = 'UNAUTHENTICATED';
}

/** Read models have not caught up with the requested position in time (HTTP 503 + Retry-After). */
export class ProjectionLagError extends LedgerError {
  readonly code = 'PROJECTION_LAGGING';

  constructor(
    readonly requestedPosition: number,
    readonly reachedPosition: number,
  ) {
    super(`Read models are at position ${reachedPosition}, not yet at ${requestedPosition}`, {
      requestedPosition,
      reachedPosition,
    });
  }
}
