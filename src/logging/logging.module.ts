/**
 * Structured JSON logs (pino via nestjs-pino): one line per request with its correlation id, and
 * every application log line of that request carrying the same id. Credentials never reach a log:
 * request lines carry no headers and no bodies, and should anyone log headers anyway, the
 * Authorization header (API key or token) and cookies are censored.
 *
 * The request logger is this application's own pino-http instance, mounted as the very first
 * request step (src/http/hardening.ts) so that requests refused before Nest routes them (a body
 * too large, malformed JSON, shutting down) are logged too; nestjs-pino is told to use it
 * (`useExisting`) rather than build its process-wide one, so several applications in one
 * process (the tests) each log where they were told to.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { clientErrorBody } from '../http/client-errors';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { LogLevelName } from '../config/config';
import { correlationIdOf } from '../http/correlation-id';
import { answeredCodeOf } from '../http/answered-code';
import { principalIdOf } from '../http/request-principal';
import { failedRouteOf, hasFailureCause, isAlert } from '../http/request-failure';
import { redactedUrl } from './redacted-url';
import type { RequestStep } from '../http/request-steps';

export const HTTP_LOGGER = Symbol('HttpLogger');

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

@Module({})
class LoggingModule {}

export function loggingModule(level: LogLevelName, destination?: DestinationStream): DynamicModule {
  const logger = pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination ?? pino.destination(1));
  const httpLogger: HttpLogger = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => correlationIdOf(req, res),
    // On the request line and on every application line logged while serving the request.
    customProps: (req: IncomingMessage) => ({ correlationId: correlationIdOf(req) }),
    // What a request line needs, and no more: no headers (credentials, cookies), no bodies, no query values that could be credentials.
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({ method: req.method, url: redactedUrl(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // 4xx are the caller's business and 5xx ours: log them louder than a success. A 503 is a state
    // the client is told to wait out (read models lagging, shutting down, a store away): a warning.
    // Failed authentications (401, and the 429 of an address refused for them) are logged in
    // aggregate by FailedAuthentications, not one line each: a guesser would otherwise flood the log.
    // Any answer with a cause (a store failing under us, a tampered stream: request-failure.ts) is an error: someone must act.
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) =>
      res.statusCode === 401 || answeredCodeOf(req) === 'AUTHENTICATION_THROTTLED'
        ? 'silent'
        : res.statusCode === 503 && !hasFailureCause(res)
          ? 'warn'
          : error || hasFailureCause(res) || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // The code a refusal was answered with, on its line.
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => withAnsweredCode(req, value),
    customErrorObject: (req: IncomingMessage, res: ServerResponse, error: Error, value: Record<string, unknown>) => {
      // pino-http makes up an Error for every 5xx; its stack points into pino-http. A real failure's
      // stack is logged where it is caught (the exception filter).
      const madeUp = error.message === `failed with status code ${res.statusCode}`;
      return withAnsweredCode(req, madeUp ? { ...value, err: undefined } : value);
    },
  });
  return {
    module: LoggingModule,
    // nestjs-pino's middleware only puts the request's logger in an AsyncLocalStorage for application
    // lines; at 'silent' there are none, and a bound store costs every request (and every promise).
    imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, ...(level === 'silent' ? { forRoutes: [] } : {}) })],
    providers: [{ provide: HTTP_LOGGER, useValue: httpLogger }],
    exports: [HTTP_LOGGER],
  };
}

/** The request log line as a request step: pino-http writes it when the response finishes. */
export function logRequest(httpLogger: HttpLogger): RequestStep {
  return (req, res) => {
    httpLogger(req, res);
    return null;
  };
}

/**
 * A line for each request Node's HTTP parser refused (client-errors.ts answers it): it never becomes
 * a request, so pino-http never sees it. Logged as a refusal, with the address it came from.
 */
export function logClientErrors(server: Server, httpLogger: HttpLogger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET') return;
    httpLogger.logger.warn({ code: clientErrorBody(error).code, parserError: error.code, remoteAddress: socket.remoteAddress }, 'request refused before routing');
  });
}

/** The code a refusal was answered with, who made the request (once authenticated), and the route a failure happened on. */
function withAnsweredCode(req: IncomingMessage, value: Record<string, unknown>): Record<string, unknown> {
  const code = answeredCodeOf(req);
  const principal = principalIdOf(req);
  const route = failedRouteOf(req);
  return {
    ...value,
    ...(principal === undefined ? {} : { principal }),
    ...(code === undefined ? {} : { code }),
    ...(route === undefined ? {} : { route }),
    ...(isAlert(req) ? { alert: true } : {}),
  };
}
