/**
 * GET /health: can the service reach its stores, and how far behind are the read models?
 * Public (a load balancer or orchestrator has no API key), so it answers only states and numbers:
 * no error messages, paths, connection strings or principals. Failures are logged instead.
 *
 * 200 when both stores answer (the projections' `state` is `failed` while the runner retries:
 * commands still work, queries may be stale); 503 UNHEALTHY when a store does not answer, 503
 * STORAGE_UNAVAILABLE when a store answers but cannot write (which store and why: disk full,
 * read-only, I/O errors), and 503 READ_MODELS_AHEAD_OF_LEDGER when the read models reflect events
 * the event store no longer holds.
 */
import { Controller, Get, HttpException, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { PublicRoute } from '../auth/public-route.decorator';
import type { ErrorBody } from '../http/error-body';
import type { HttpResponse } from '../http/http-exchange';
import { HEALTH_SCHEMA, UNHEALTHY_SCHEMA } from './health.schema';
import { StoreHealth } from './store-health';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly stores: StoreHealth,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'Store reachability, projection lag (events and seconds) and subscription state; no key needed' })
  @ApiOkResponse({ schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ schema: UNHEALTHY_SCHEMA })
  async check(@Res({ passthrough: true }) res: HttpResponse): Promise<HealthCheckResult> {
    res.header('Cache-Control', 'no-store');
    try {
      return await this.health.check([() => this.stores.eventStore(), () => this.stores.readStore(), () => this.stores.projections()]);
    } catch (error) {
      const result = (error as { getResponse?: () => unknown }).getResponse?.();
      if (!result || typeof result !== 'object') throw error;
      // Sent by the exception filter as every error body is, with each check's state beside the code.
      const fault = this.stores.faultCode();
      const [storage] = this.stores.storageFaults();
      const reason = fault
        ? { code: fault, message: 'The read models reflect events the event store no longer holds' }
        : storage
          ? { code: storage.code, message: storage.message }
          : { code: 'UNHEALTHY', message: 'A store the service depends on does not answer' };
      const body: ErrorBody = { statusCode: HttpStatus.SERVICE_UNAVAILABLE, ...reason, ...result };
      throw new HttpException(body, body.statusCode);
    }
  }
}
