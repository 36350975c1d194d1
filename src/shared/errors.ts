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

/** The caller sent more requests than its rate limit allows in the current window (HTTP 429 + Retry-After). */
export class RateLimitedError extends LedgerError {
  readonly code = 'RATE_LIMITED';

  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {
    super(`Rate limit of ${limit} requests per ${windowSeconds} s exceeded; retry after ${retryAfterSeconds} s`, {
      limit,
      windowSeconds,
      retryAfterSeconds,
    });
  }
}

/**
 * The client address failed to authenticate too often in the current window (HTTP 429 +
 * Retry-After): it is refused until the window ends, whatever credential it presents.
 */
export class AuthenticationThrottledError extends LedgerError {
  readonly code = 'AUTHENTICATION_THROTTLED';

  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {
    super(`Too many failed authentications from this address (${limit} per ${windowSeconds} s); retry after ${retryAfterSeconds} s`, {
      limit,
      windowSeconds,
      retryAfterSeconds,
    });
  }
}

/**
 * A server store (EventStoreDB, MongoDB) cannot be reached, has no leader or primary right now,
 * or refused our credentials (HTTP 503 + Retry-After). Nothing was written, or a retried command
 * is answered idempotently, so the client may simply retry.
 */
export class StoreUnavailableError extends LedgerError {
  constructor(
    readonly code: 'EVENT_STORE_UNAVAILABLE' | 'READ_STORE_UNAVAILABLE',
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/**
 * The identity provider's signing keys (JWT_JWKS_URL) could not be fetched, so a bearer token could
 * not be judged either way (HTTP 503 + Retry-After): a 401 would tell the client its token is bad.
 */
export class AuthKeysUnavailableError extends LedgerError {
  readonly code = 'AUTH_KEYS_UNAVAILABLE';

  constructor(reason: string) {
    super("The identity provider's signing keys could not be fetched, so the bearer token could not be verified; retry later", { reason });
  }
}

/** A request body (e.g. a file to verify) is larger than its route accepts (HTTP 413). */
export class PayloadTooLargeError extends LedgerError {
  readonly code = 'PAYLOAD_TOO_LARGE';

  constructor(readonly limitBytes: number) {
    super(`The request body exceeds ${limitBytes} bytes`, { limitBytes });
  }
}

/** The request body is not of the media type the route takes (HTTP 415). */
export class UnsupportedMediaTypeError extends LedgerError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';

  constructor(
    readonly expected: string,
    readonly received: string | null,
  ) {
    super(`Send the body as ${expected}${received ? `, not ${received}` : ''}`, { expected, received });
  }
}
