/**
 * The one place errors become HTTP answers: each typed error keeps its code and gets its status;
 * Nest's own exceptions keep theirs; anything else, typed errors about our internals included, is
 * a logged 500 that echoes nothing of the error.
 */
import { BadRequestException, MethodNotAllowedException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { answeredCodeOf } from '../../../src/http/answered-code';
import { failedRouteOf } from '../../../src/http/request-failure';
import { LedgerExceptionFilter } from '../../../src/http/ledger-exception.filter';
import { LedgerUnreadableError } from '../../../src/integrity/ledger-scan';
import { DuplicateKeyError, ReadModelRebuildingError, ReadModelsAheadOfLedgerError } from '../../../src/read-models/read-model.errors';
import {
  AuthKeysUnavailableError,
  BusinessRuleError,
  ConcurrencyError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  ProjectionLagError,
  RateLimitedError,
  StoreUnavailableError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from '../../../src/shared/errors';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  /** The code the request's log line will carry. */
  loggedCode: string | undefined;
  /** The cause the request's log line will carry (pino-http logs `res.err`), and the route it names. */
  loggedCause: unknown;
  loggedRoute: string | undefined;
}

/** What the filter sends on Fastify's reply for `exception`. */
function answer(exception: unknown): Answer {
  const result: Answer = { status: 0, body: {}, headers: {}, loggedCode: undefined, loggedCause: undefined, loggedRoute: undefined };
  const raw = new IncomingMessage(new Socket());
  const rawResponse = new ServerResponse(raw);
  const reply = {
    raw: rawResponse,
    request: { raw, method: 'POST', url: '/indicators/ind-1/progress-reports', routeOptions: { url: '/indicators/:id/progress-reports' } },
    code: (status: number) => ((result.status = status), reply),
    headers: (values: Record<string, string>) => (Object.assign(result.headers, values), reply),
    send: (body: Record<string, unknown>) => ((result.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply as unknown as FastifyReply }) } as unknown as ArgumentsHost;
  new LedgerExceptionFilter().catch(exception, host);
  result.loggedCode = answeredCodeOf(raw);
  result.loggedCause = (rawResponse as ServerResponse & { err?: unknown }).err;
  result.loggedRoute = failedRouteOf(raw);
  return result;
}

describe('LedgerExceptionFilter', () => {
  it.each([
    [new InvalidInputError('INVALID_ID', 'bad id'), 400, 'INVALID_ID'],
    [new UnauthenticatedError('no key'), 401, 'UNAUTHENTICATED'],
    [new ForbiddenError('ROLE_NOT_ALLOWED', 'no'), 403, 'ROLE_NOT_ALLOWED'],
    [new NotFoundError('INDICATOR_NOT_FOUND', 'none'), 404, 'INDICATOR_NOT_FOUND'],
    [new ConcurrencyError('indicator-ind-1', 2, 3), 409, 'CONCURRENCY_CONFLICT'],
    [new PayloadTooLargeError(10), 413, 'PAYLOAD_TOO_LARGE'],
    [new UnsupportedMediaTypeError('application/octet-stream', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new BusinessRuleError('DUPLICATE_REPORT', 'again'), 422, 'DUPLICATE_REPORT'],
    [new RateLimitedError(3, 100, 60), 429, 'RATE_LIMITED'],
    [new ProjectionLagError(10, 5), 503, 'PROJECTION_LAGGING'],
    [new StoreUnavailableError('EVENT_STORE_UNAVAILABLE', 'down'), 503, 'EVENT_STORE_UNAVAILABLE'],
    [new AuthKeysUnavailableError('timeout'), 503, 'AUTH_KEYS_UNAVAILABLE'],
    [new ReadModelRebuildingError('indicators'), 503, 'READ_MODEL_REBUILDING'],
    [new ReadModelsAheadOfLedgerError(120, 95, ['indicators', 'units']), 503, 'READ_MODELS_AHEAD_OF_LEDGER'],
  ])('answers %p with %i and its own code and message, on the log line too', (error, status, code) => {
    const { status: answered, body, loggedCode, loggedCause } = answer(error);
    expect(answered).toBe(status);
    expect(body).toMatchObject({ statusCode: status, code, message: (error as Error).message });
    expect(loggedCode).toBe(code);
    // A store failing under us is a cause to log; a refusal or a state to wait out is not.
    expect(loggedCause).toBe(error instanceof StoreUnavailableError ? error : undefined);
  });

  it('keeps the details of a typed error, and sets Retry-After and ETag where they help the client', () => {
    expect(answer(new ConcurrencyError('indicator-ind-1', 2, 3))).toMatchObject({ body: { details: { currentRevision: 3 } }, headers: { ETag: '"3"' } });
    expect(answer(new RateLimitedError(7, 100, 60)).headers).toEqual({ 'Retry-After': '7' });
    expect(answer(new ProjectionLagError(10, 5)).headers).toEqual({ 'Retry-After': '1' });
    expect(answer(new StoreUnavailableError('READ_STORE_UNAVAILABLE', 'down')).headers).toEqual({ 'Retry-After': '1' });
  });

  it('tells the client to retry a read model being rebuilt, and says which one', () => {
    expect(answer(new ReadModelRebuildingError('indicators'))).toMatchObject({
      status: 503,
      headers: { 'Retry-After': '1' },
      body: { statusCode: 503, code: 'READ_MODEL_REBUILDING', details: { readModel: 'indicators' } },
    });
  });

  it('answers read models ahead of the ledger with a 503 naming the positions and the read models', () => {
    expect(answer(new ReadModelsAheadOfLedgerError(120, 95, ['indicators', 'units']))).toMatchObject({
      status: 503,
      body: { statusCode: 503, code: 'READ_MODELS_AHEAD_OF_LEDGER', details: { readModelPosition: 120, ledgerHeadPosition: 95, readModels: ['indicators', 'units'] } },
      loggedCause: undefined,
    });
  });

  it("answers Nest's own exceptions with their status and the status's name as code", () => {
    expect(answer(new MethodNotAllowedException())).toMatchObject({ status: 405, body: { statusCode: 405, code: 'METHOD_NOT_ALLOWED' } });
    expect(answer(new BadRequestException('Failed to decode param'))).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', message: 'Failed to decode param' } });
  });

  it('answers an unexpected error with a logged 500 that echoes nothing of it', () => {
    const error = new Error('connection string mongodb://user:secret@db');
    const { status, body, loggedCause, loggedRoute } = answer(error);
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged' });
    expect(loggedCause).toBe(error);
    expect(loggedRoute).toBe('POST /indicators/:id/progress-reports');
  });

  it('answers a typed error about our internals (a read-model store refusal) as that same logged 500, not with its code', () => {
    const { status, body, loggedCause } = answer(new DuplicateKeyError('indicator_history', 'indicator_revision', '{"indicatorId":"ind-01","revision":2}'));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged' });
    expect(loggedCause).toBeInstanceOf(DuplicateKeyError);
  });

  it('answers a damaged ledger with its own code and where, and logs it', () => {
    const { status, body, loggedCause } = answer(new LedgerUnreadableError('The first event after position 95 cannot be read back: Unexpected end of JSON input', { afterPosition: 95 }));
    expect(status).toBe(500);
    expect(body).toMatchObject({ statusCode: 500, code: 'EVENT_STORE_UNREADABLE', details: { afterPosition: 95 } });
    expect(loggedCause).toBeInstanceOf(LedgerUnreadableError);
  });
});
