/**
 * Structured JSON logs (pino via nestjs-pino): one line per request with its correlation id, and
 * every application log line of that request carrying the same id. Credentials never reach a log:
 * request lines carry no headers and no bodies, and should anyone log headers anyway, the
 * Authorization header (API key or token) and cookies are censored.
 */
import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevelName } from '../config/config';
import { correlationIdOf } from '../http/correlation-id';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

export function loggingModule(level: LogLevelName, destination?: DestinationStream): DynamicModule {
  const options = {
    level,
    genReqId: (req: IncomingMessage, res: ServerResponse) => correlationIdOf(req, res),
    // On the request line and on every application line logged while serving the request.
    customProps: (req: IncomingMessage) => ({ correlationId: correlationIdOf(req) }),
    // What a request line needs, and no more: no headers (credentials, cookies), no bodies.
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // 4xx are the caller's business and 5xx ours: log them louder than a success.
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  } as const;
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options });
}
