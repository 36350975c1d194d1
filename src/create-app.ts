/** Builds the HTTP application; shared by the service entry point and the end-to-end tests. */
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { createFastifyAdapter } from './http/fastify-pipeline';
import { installRequestPipeline } from './http/hardening';
import { LedgerExceptionFilter } from './http/ledger-exception.filter';
import { setupOpenApi } from './http/openapi';
import { serveConsole } from './http/console-app';
import { createValidationPipe } from './http/validation';
import { installValidationMetadataCache } from './http/validation-metadata-cache';

export interface CreateAppOptions extends AppModuleOptions {
  logger?: LoggerService | LogLevel[] | false;
  /** Where the built console is (default: dist/web of this package); tests serve a stand-in. */
  consoleDir?: string;
}

export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  // `logger: false` (the tests) silences the JSON logs too; otherwise Nest logs through pino.
  const quiet = options.logger === false && !options.logDestination;
  const config = quiet ? { ...options.config, logLevel: 'silent' as const } : options.config;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...options, config }), createFastifyAdapter(config.bodyLimit, config.trustProxy), {
    bodyParser: false,
    // Throw start-up failures (a refused principals file, a bad key) to the caller instead of exiting.
    abortOnError: false,
    ...(options.logger === undefined ? { bufferLogs: true } : { logger: options.logger }),
  });
  if (options.logger === undefined) {
    app.useLogger(app.get(PinoLogger));
    // Nest would hold every line until listen(): the start-up steps below (a wait for an
    // EventStoreDB leader, the projections' catch-up) are logged as they happen, and not lost if
    // start-up fails.
    app.flushLogs();
  }
  installRequestPipeline(app, config);
  // class-validator recomputes each DTO's rules on every validate(); memoised, invalidated on any new rule.
  installValidationMetadataCache();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new LedgerExceptionFilter());
  setupOpenApi(app);
  await serveConsole(app, options.consoleDir);
  await app.init();
  // Fastify registers its routes and plugins on `ready`; a caller may hand the server to supertest before listening.
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
