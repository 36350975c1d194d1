/**
 * A minimal NestJS app on Fastify with one route, POST /indicators/:id/progress-reports, doing the
 * baseline's raw append: it measures what the framework costs, with the service's own
 * ValidationPipe and DTO or without validation. Only the benchmark uses it.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe } from '../../../src/http/validation';
import { ReportProgressDto } from '../../../src/indicators/write/report-progress/report-progress.dto';
import { announceServer } from '../support/processes';
import { RawAppender } from '../support/raw-append';
import { rawReportEvent } from './raw-report';

interface Args {
  dir: string;
  validation: boolean;
}

const args = JSON.parse(process.argv[2]) as Args;
const appender = new RawAppender(path.join(args.dir, 'events.db'));

@Controller('indicators')
class ReportController {
  @Post(':id/progress-reports')
  @HttpCode(201)
  report(@Param('id') id: string, @Body() body: ReportProgressDto) {
    const event = rawReportEvent(id, body, randomUUID());
    const { revision, position } = appender.appendOne(`indicator-${id}`, event);
    return { reportId: (event.data as { reportId: string }).reportId, revision, position };
  }
}

@Module({ controllers: [ReportController] })
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(MinimalModule, new FastifyAdapter(), { logger: false });
  if (args.validation) app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  announceServer((app.getHttpServer().address() as AddressInfo).port, async () => {
    await app.close();
    appender.close();
  });
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'error', message: error instanceof Error ? error.stack : String(error) });
  process.exitCode = 1;
});
