/**
 * What every request passes through before Nest routes it, in this order: the correlation id, the
 * request log line, the shutdown drain, security headers (helmet), CORS (off unless origins are configured), and the
 * JSON body parser with its size limit. Operator and prototype keys are refused by a global guard
 * (src/http/forbidden-keys.ts) once the request is authenticated.
 */
import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { AppConfig } from '../config/config';
import { installJsonBodyParsing } from './body-parsing';
import { assignCorrelationId } from './correlation-id';
import { HttpDrain } from './http-drain';
import { HTTP_LOGGER } from '../logging/logging.module';

export function installRequestPipeline(app: INestApplication, config: AppConfig): void {
  app.use(assignCorrelationId());
  app.use(app.get(HTTP_LOGGER));
  app.use(app.get(HttpDrain).middleware());
  // The service speaks plain HTTP behind a TLS-terminating proxy or on localhost: asking browsers to
  // upgrade subresources to HTTPS would break the API docs there.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Idempotent-Replayed', 'Retry-After', 'X-Correlation-Id'],
      maxAge: 600,
    });
  }
  installJsonBodyParsing(app, config.bodyLimit);
}
