/**
 * The composition root: the only module that decides which adapters, clock and principals the
 * application runs with. Everything else depends on ports and tokens.
 */
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import type { DestinationStream } from 'pino';
import { ActiveUnitGuard } from './auth/active-unit.guard';
import { BearerAuthGuard, JWT_VERIFIER } from './auth/bearer-auth.guard';
import { FailedAuthentications } from './auth/failed-authentications';
import { JwtVerifier } from './auth/jwt-verifier';
import { PrincipalDirectory } from './auth/principal-directory';
import { loadPrincipals, nobodyCanAuthenticate } from './auth/principal-source';
import { RateLimitGuard } from './auth/rate-limit.guard';
import type { AppConfig } from './config/config';
import type { EventStore } from './event-store/event-store.port';
import { AggregateLookup } from './indicators/write/aggregate-lookup';
import { AssessIndicatorHandler } from './indicators/write/assess-indicator/assess-indicator.command';
import { CorrectReportHandler } from './indicators/write/correct-report/correct-report.command';
import { IndicatorCommandsController } from './indicators/write/indicator-commands.controller';
import { IndicatorWriter } from './indicators/write/indicator-writer';
import { ReassignResponsibilityHandler } from './indicators/write/reassign-responsibility/reassign-responsibility.command';
import { RegisterIndicatorHandler } from './indicators/write/register-indicator/register-indicator.command';
import { ReportProgressHandler } from './indicators/write/report-progress/report-progress.command';
import { ReviseTargetHandler } from './indicators/write/revise-target/revise-target.command';
import { GetIndicatorHandler, GetIndicatorHistoryHandler, ListIndicatorsHandler } from './indicators/read/indicator-queries';
import { IndicatorQueriesController } from './indicators/read/indicator-queries.controller';
import { AUDIT_TRAIL_CONTROLLERS, AUDIT_TRAIL_QUERY_HANDLERS } from './audit/audit-trail.providers';
import { GetResolutionHandler, ListResolutionsHandler } from './resolutions/read/resolution-queries';
import { ResolutionsController } from './resolutions/read/resolutions.controller';
import { SessionController } from './session/session.controller';
import { HealthController } from './health/health.controller';
import { INSPECTION_COMMAND_HANDLERS, INSPECTION_CONTROLLERS, INSPECTION_QUERY_HANDLERS } from './inspection/inspection.providers';
import { StoreHealth } from './health/store-health';
import { HttpDrain } from './http/http-drain';
import { UnsafeInputGuard } from './http/forbidden-keys';
import { JsonBodyGuard } from './http/json-body.guard';
import { EventStoreReadiness } from './infrastructure/event-store-readiness';
import { ProjectionService } from './infrastructure/projection.service';
import { HTTP_LOGGER, loggingModule } from './logging/logging.module';
import type { HttpLogger } from 'pino-http';
import { ReadModelFreshness } from './infrastructure/read-model-freshness';
import { StoreLifecycle } from './infrastructure/store-lifecycle';
import type { DataDirLock } from './infrastructure/data-dir-lock';
import { readModelProviders } from './infrastructure/read-model-providers';
import { createEventStore, createProjectionLease, createReadModelStore, lockDataDir } from './infrastructure/stores';
import { APP_CONFIG, DATA_DIR_LOCK, EVENT_STORE, PROJECTION_LEASE, READ_MODEL_STORE } from './infrastructure/tokens';
import type { ProjectionLease } from './projection-lease/projection-lease.port';
import { ReadModelAvailability } from './read-models/read-model-availability';
import type { ReadModelStore } from './read-models/read-model-store.port';
import { RegisterResolutionHandler } from './resolutions/register-resolution.command';
import { REVIEW_CONTROLLERS, REVIEW_PROVIDERS } from './reviews/reviews.providers';
import { Seeder } from './seeding/seeder';
import { Clock, SystemClock } from './shared/clock';
import { GetUnitHandler, ListUnitsHandler, UnitViews } from './units/read/unit-queries';
import { UnitsController } from './units/units.controller';
import { DeactivateUnitHandler, RegisterUnitHandler, RenameUnitHandler, UnitWriter } from './units/write/unit-commands';

export interface AppModuleOptions {
  config: AppConfig;
  /** Tests pass a manual clock; the service runs on the system clock. */
  clock?: Clock;
  /** Tests may supply stores they keep a handle on; otherwise built from `config`. */
  eventStore?: EventStore;
  readModelStore?: ReadModelStore;
  /** The data directory's lock, when the caller took it already (the service's entry point); otherwise taken here when needed. */
  dataDirLock?: DataDirLock | null;
  /** Tests share one lease between app instances; otherwise the read-model store's own (MongoDB) or a single-process one. */
  projectionLease?: ProjectionLease;
  /** Where the JSON logs go (default stdout); tests capture them here. */
  logDestination?: DestinationStream;
}

const COMMAND_HANDLERS = [
  RegisterIndicatorHandler,
  ReportProgressHandler,
  CorrectReportHandler,
  ReassignResponsibilityHandler,
  ReviseTargetHandler,
  AssessIndicatorHandler,
  RegisterUnitHandler,
  RenameUnitHandler,
  DeactivateUnitHandler,
  RegisterResolutionHandler,
  ...INSPECTION_COMMAND_HANDLERS,
];

const QUERY_HANDLERS = [
  ListIndicatorsHandler,
  GetIndicatorHandler,
  GetIndicatorHistoryHandler,
  ListUnitsHandler,
  GetUnitHandler,
  ListResolutionsHandler,
  GetResolutionHandler,
  ...AUDIT_TRAIL_QUERY_HANDLERS,
  ...INSPECTION_QUERY_HANDLERS,
];

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        loggingModule(config.logLevel, options.logDestination),
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: config.rateLimit.windowMs, limit: Math.max(1, config.rateLimit.limit) }],
          skipIf: () => config.rateLimit.limit === 0,
        }),
      ],
      controllers: [IndicatorCommandsController, IndicatorQueriesController, UnitsController, ResolutionsController, SessionController, HealthController, ...AUDIT_TRAIL_CONTROLLERS, ...INSPECTION_CONTROLLERS, ...REVIEW_CONTROLLERS],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        // Taken before either store opens a file in DATA_DIR (they inject it), released after both close.
        {
          provide: DATA_DIR_LOCK,
          useFactory: () => (options.dataDirLock !== undefined ? options.dataDirLock : options.eventStore && options.readModelStore ? null : lockDataDir(config)),
        },
        { provide: EVENT_STORE, useFactory: () => options.eventStore ?? createEventStore(config), inject: [DATA_DIR_LOCK] },
        { provide: READ_MODEL_STORE, useFactory: () => options.readModelStore ?? createReadModelStore(config), inject: [DATA_DIR_LOCK] },
        { provide: PROJECTION_LEASE, useFactory: (store: ReadModelStore) => options.projectionLease ?? createProjectionLease(store), inject: [READ_MODEL_STORE] },
        ReadModelAvailability,
        ...readModelProviders(),
        UnitViews,
        {
          provide: PrincipalDirectory,
          useFactory: () => {
            const directory = loadPrincipals(config);
            const warning = nobodyCanAuthenticate(directory, config);
            if (warning) new Logger('Auth').warn(warning);
            return directory;
          },
        },
        {
          provide: JWT_VERIFIER,
          // A token's unit is checked against the unit streams, as the active-unit guard checks a writer's.
          useFactory: (clock: Clock, aggregates: AggregateLookup, httpLogger: HttpLogger) => {
            if (config.jwtIssuers.length === 0) return null;
            // Straight to the application's logger: a key file is found unreadable while a request is served.
            const logger = httpLogger.logger.child({ context: 'Auth' });
            const knownUnit = async (unitId: string) => (await aggregates.unit(unitId)).exists;
            return JwtVerifier.create(config.jwtIssuers, clock, knownUnit, (message) => logger.warn(message));
          },
          inject: [Clock, AggregateLookup, HTTP_LOGGER],
        },
        FailedAuthentications,
        // Global guards run in this order: who is calling (from an address that has not failed too
        // often), within their rate, a body sent as JSON, with no operator keys, still allowed to write.
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: JsonBodyGuard },
        { provide: APP_GUARD, useClass: UnsafeInputGuard },
        { provide: APP_GUARD, useClass: ActiveUnitGuard },
        StoreHealth,
        HttpDrain,
        EventStoreReadiness,
        ProjectionService,
        ReadModelFreshness,
        StoreLifecycle,
        IndicatorWriter,
        UnitWriter,
        AggregateLookup,
        Seeder,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
        ...REVIEW_PROVIDERS,
      ],
    };
  }
}
