/**
 * Runs the projection runner inside the Nest lifecycle, on the one instance that holds the
 * projection lease (src/projection-runner/projection-leadership.ts): catch up before the app
 * serves requests, follow live appends while it runs, stop (and store the checkpoint) and release
 * the lease on shutdown. Other instances stand by and take over when the holder goes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections';
import type { AppConfig } from '../config/config';
import type { EventStore } from '../event-store/event-store.port';
import type { ProjectionLease } from '../projection-lease/projection-lease.port';
import { ProjectionLeadership, type ProjectionRole } from '../projection-runner/projection-leadership';
import { ProjectionRunner } from '../projection-runner/projection-runner';
import type { ReadStore } from '../read-store/read-store.port';
import { EventStoreReadiness } from './event-store-readiness';
import { APP_CONFIG, EVENT_STORE, PROJECTION_LEASE, READ_STORE } from './tokens';

export const IN_MEMORY_CATCH_UP_BATCH = 20_000;

@Injectable()
export class ProjectionService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runner: ProjectionRunner;
  readonly leadership: ProjectionLeadership;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(PROJECTION_LEASE) lease: ProjectionLease,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly eventStoreReadiness: EventStoreReadiness,
  ) {
    const logger = { log: (m: string) => this.logger.log(m), error: (m: string, e?: unknown) => this.logger.error(m, e instanceof Error ? e.stack : String(e)) };
    this.runner = new ProjectionRunner(eventStore, readStore, [...ALL_PROJECTIONS], {
      logger,
      // In memory, a start-up replay commits every 20,000 events: a busy document (an indicator,
      // a unit) is written, and its index entries updated, once per commit rather than once per
      // 500 events. MongoDB keeps the default, so no transaction grows large.
      ...(config.readStore.kind === 'memory' ? { catchUpBatchSize: IN_MEMORY_CATCH_UP_BATCH } : {}),
    });
    this.leadership = new ProjectionLeadership(lease, this.runner, readStore, {
      // Unique per process, readable in the `leases` document: which container runs the projections.
      holderId: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
      ttlMs: config.projectionLeaseTtlMs,
      logger,
    });
  }

  /** 'holder' runs the projections here; 'standby' leaves them to another instance. */
  get role(): ProjectionRole {
    return this.leadership.role;
  }

  /** Where the read models are, as far as this instance knows (its runner, or the stored checkpoint last read). */
  get position(): number {
    return this.leadership.position;
  }

  /** Read-your-writes on any instance: true once the read models reflect `position`, false after `timeoutMs`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    return this.leadership.waitForPosition(position, timeoutMs);
  }

  /** Shutdown drain: the holder brings the read models to the head; a standby has nothing to write. */
  catchUp(): Promise<number> {
    return this.leadership.catchUp();
  }

  async onModuleInit(): Promise<void> {
    // The catch-up is the first read of the event store at start: on a cluster still electing a
    // leader it would fail, so it waits (bounded) for one first.
    await this.eventStoreReadiness.untilReady();
    await this.leadership.start();
    if (this.role === 'holder') this.logger.log(`Read models caught up at position ${this.runner.position}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.leadership.stop();
  }
}
