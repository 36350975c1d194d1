/**
 * What every request passes through before Nest routes it, in this order: the correlation id, the
 * request log line (not installed at all when LOG_LEVEL=silent), the header count limit, the
 * shutdown drain, security headers (helmet's, precomputed), the body's minimum rate, CORS (off
 * unless origins are configured), and the JSON body parser with its size limit. Operator and prototype keys are refused by a global guard
 * (src/http/forbidden-keys.ts) once the request is authenticated.
 */
import type { FastifyCorsOptions } from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config';
import type { Server } from 'node:http';
import type { HttpLogger } from 'pino-http';
import { HTTP_LOGGER, logClientErrors, logRequest } from '../logging/logging.module';
import { allowAnyHeaderCount, bodyRateGuard, refuseTooManyHeaders } from './request-limits';
import { assignCorrelationId } from './correlation-id';
import { installFastifyPipeline } from './fastify-pipeline';
import { HttpDrain } from './http-drain';
import { runInOrder, type RequestStep } from './request-steps';
import { securityHeaders } from './security-headers';

export function installRequestPipeline(app: NestFastifyApplication, config: AppConfig): void {
  const steps: RequestStep[] = [assignCorrelationId];
  // pino-http costs a few per cent of a request even when every line is dropped.
  if (config.logLevel !== 'silent') {
    const httpLogger = app.get<HttpLogger>(HTTP_LOGGER);
    steps.push(logRequest(httpLogger));
    logClientErrors(app.getHttpServer() as Server, httpLogger);
  }
  allowAnyHeaderCount(app.getHttpServer() as Server);
  steps.push(refuseTooManyHeaders, app.get(HttpDrain).step, securityHeaders(), bodyRateGuard(config.bodyMinRate));
  const beforeRouting = runInOrder(steps);
  const enableCors = () => {
    if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
  };
  installFastifyPipeline(app, { beforeRouting, enableCors, bodyLimit: config.bodyLimit });
}

function corsOptions(origins: string[]): FastifyCorsOptions {
  return {
    origin: origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
    exposedHeaders: ['ETag', 'Idempotent-Replayed', 'Retry-After', 'X-Correlation-Id'],
    maxAge: 600,
  };
}
