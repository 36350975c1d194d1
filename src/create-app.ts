/** Builds the HTTP application; shared by the service entry point and the end-to-end tests. */
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, type AppModuleOptions } from './app.module';
import { installJsonBodyParsing } from './http/body-parsing';
import { LedgerExceptionFilter } from './http/ledger-exception.filter';
import { setupOpenApi } from './http/openapi';
import { createValidationPipe } from './http/validation';

export async function createApp(options: AppModuleOptions & { logger?: LoggerService | LogLevel[] | false }): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), { bodyParser: false, logger: options.logger });
  installJsonBodyParsing(app, options.config.bodyLimit);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new LedgerExceptionFilter());
  setupOpenApi(app);
  await app.init();
  return app;
}
