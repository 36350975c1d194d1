/**
 * Runs the projection daemon inside the Nest lifecycle, on the one instance that holds the
 * projection lease (src/projection-runner/projection-leadership.ts): catch up before the app
 * serves requests, follow live appends and rebuild outdated read models while it runs, stop (and
 * store the checkpoints) and release the lease on shutdown. Other instances stand by and take over
 * when the holder goes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections';
import type { AppConfig } from '../config/config';
import type { EventStore } from '../event-store/event-store.port';
import type { ProjectionLease } from '../projection-lease/projection-lease.port';
import { ProjectionDaemon } from '../projection-runner/projection-daemon';
import { ProjectionLeadership, type ProjectionRole } from '../projection-runner/projection-leadership';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import { EventStoreReadiness } from './event-store-readiness';
import { APP_CONFIG, EVENT_STORE, PROJECTION_LEASE, READ_MODEL_STORE } from './tokens';

/** Other instances may still read a retired generation from a catalog they looked up a moment ago. */
const MONGO_RETIRED_GRACE_MS = 10_000;

@Injectable()
export class ProjectionService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly daemon: ProjectionDaemon;
  readonly leadership: ProjectionLeadership<ProjectionDaemon>;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    @Inject(PROJECTION_LEASE) lease: ProjectionLease,
    @Inject(APP_CONFIG) config: AppConfig,
    availability: ReadModelAvailability,
    private readonly eventStoreReadiness: EventStoreReadiness,
  ) {
    const logger = { log: (m: string) => this.logger.log(m), error: (m: string, e?: unknown) => this.logger.error(m, e instanceof Error ? e.stack : String(e)) };
    this.daemon = new ProjectionDaemon(eventStore, store, [...ALL_PROJECTIONS], availability, {
      logger,
      retiredGraceMs: store.kind === 'mongodb' ? MONGO_RETIRED_GRACE_MS : 0,
    });
    this.leadership = new ProjectionLeadership(lease, this.daemon, store, {
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

  /** Where the served read models are, as far as this instance knows (its daemon, or the stored checkpoints last read). */
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
    if (this.role === 'holder') this.logger.log(`Read models caught up at position ${this.daemon.position}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.leadership.stop();
  }
}
