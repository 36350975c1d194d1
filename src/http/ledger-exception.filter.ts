/**
 * The single place errors become HTTP responses. Typed errors map by class; Nest's own HTTP
 * exceptions keep their status; anything else is a 500 that is logged, never echoed. That includes
 * typed errors no client should meet (a store's internal refusals, a projection's): their codes and
 * messages describe our internals, not the request. A damaged ledger is the exception: an
 * inspector asking for a digest must learn that an event no longer reads back, and where.
 *
 * Every failure of ours (a 500, a store that failed under us) is recorded with the response, so the
 * request's one log line carries its cause (request-failure.ts); states a client is told to wait
 * out (read models lagging, shutting down) have no cause to log.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ServerResponse } from 'node:http';
import { ReadModelRebuildingError, ReadModelsAheadOfLedgerError } from '../read-models/read-model.errors';
import {
  AuthenticationThrottledError,
  AuthKeysUnavailableError,
  BusinessRuleError,
  ConcurrencyError,
  ForbiddenError,
  InvalidInputError,
  LedgerError,
  NotFoundError,
  PayloadTooLargeError,
  ProjectionLagError,
  RateLimitedError,
  StoreUnavailableError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from '../shared/errors';
import { UnreadableStoredEventError } from '../event-store/eventstoredb/eventstoredb.errors';
import { LedgerUnreadableError } from '../integrity/ledger-scan';
import { StorageUnavailableError, StoreDamagedError } from '../shared/storage-fault';
import { StreamIntegrityBrokenError } from '../command-handling/stream-integrity.errors';
import type { ErrorBody } from './error-body';
import { sendErrorBody } from './error-reply';
import { recordFailure } from './request-failure';

const STATUS_BY_ERROR: ReadonlyArray<[abstract new (...args: never[]) => LedgerError, number]> = [
  [InvalidInputError, HttpStatus.BAD_REQUEST],
  [UnauthenticatedError, HttpStatus.UNAUTHORIZED],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ConcurrencyError, HttpStatus.CONFLICT],
  [StreamIntegrityBrokenError, HttpStatus.CONFLICT],
  [BusinessRuleError, HttpStatus.UNPROCESSABLE_ENTITY],
  [PayloadTooLargeError, HttpStatus.PAYLOAD_TOO_LARGE],
  [UnsupportedMediaTypeError, HttpStatus.UNSUPPORTED_MEDIA_TYPE],
  [ProjectionLagError, HttpStatus.SERVICE_UNAVAILABLE],
  [RateLimitedError, HttpStatus.TOO_MANY_REQUESTS],
  [AuthenticationThrottledError, HttpStatus.TOO_MANY_REQUESTS],
  [StoreUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [StorageUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [AuthKeysUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [ReadModelRebuildingError, HttpStatus.SERVICE_UNAVAILABLE],
  [ReadModelsAheadOfLedgerError, HttpStatus.SERVICE_UNAVAILABLE],
  // The ledger itself is damaged (an event no longer reads back): said as such, and logged.
  [LedgerUnreadableError, HttpStatus.INTERNAL_SERVER_ERROR],
  [UnreadableStoredEventError, HttpStatus.INTERNAL_SERVER_ERROR],
  [StoreDamagedError, HttpStatus.INTERNAL_SERVER_ERROR],
];

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** When to retry a write refused for want of storage. */
export const STORAGE_RETRY_AFTER_SECONDS = 10;

@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply | ServerResponse>();
    const body = this.toBody(exception);
    if (hasCauseToLog(exception, body)) {
      const alert = exception instanceof StreamIntegrityBrokenError;
      if (response instanceof ServerResponse) recordFailure(response, exception, `${response.req.method} ${response.req.url}`, alert);
      else recordFailure(response.raw, exception, `${response.request.method} ${response.request.routeOptions?.url ?? response.request.url}`, alert);
    }
    sendErrorBody(response, body, headersFor(exception));
  }

  toBody(exception: unknown): ErrorBody {
    const status = exception instanceof LedgerError ? STATUS_BY_ERROR.find(([type]) => exception instanceof type)?.[1] : undefined;
    if (exception instanceof LedgerError && status !== undefined) {
      return { statusCode: status, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'code' in payload) return payload as ErrorBody;
      const message = typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
      return { statusCode, code: CODE_BY_STATUS[statusCode] ?? 'HTTP_ERROR', message };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged' };
  }
}

/**
 * A failure of ours, or of a store under us, or a stream found tampered with (an alert for the
 * operator although the client is answered 409): not a refusal, and not a state the client waits out.
 */
function hasCauseToLog(exception: unknown, body: ErrorBody): boolean {
  if (body.statusCode === HttpStatus.INTERNAL_SERVER_ERROR) return true;
  return exception instanceof StoreUnavailableError || exception instanceof StorageUnavailableError || exception instanceof StreamIntegrityBrokenError;
}

/** What tells the client what to do next: when to retry, which revision is current. */
function headersFor(exception: unknown): Record<string, string> {
  if (
    exception instanceof ProjectionLagError ||
    exception instanceof StoreUnavailableError ||
    exception instanceof AuthKeysUnavailableError ||
    exception instanceof ReadModelRebuildingError
  ) {
    return { 'Retry-After': '1' };
  }
  // Space seldom returns within a second: a client retrying every second would only add load.
  if (exception instanceof StorageUnavailableError) return { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) };
  if (exception instanceof RateLimitedError || exception instanceof AuthenticationThrottledError) return { 'Retry-After': String(exception.retryAfterSeconds) };
  if (exception instanceof ConcurrencyError && exception.currentRevision !== null) return { ETag: `"${exception.currentRevision}"` };
  return {};
}
