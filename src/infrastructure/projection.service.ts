/**
 * Runs the projection runner inside the Nest lifecycle: catch up before the app serves requests,
 * follow live appends while it runs, stop (and store the checkpoint) on shutdown.
 */
import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections';
import type { EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from '../projection-runner/projection-runner';
import type { ReadStore } from '../read-store/read-store.port';
import { EVENT_STORE, READ_STORE } from './tokens';

@Injectable()
export class ProjectionService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runner: ProjectionRunner;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    this.runner = new ProjectionRunner(eventStore, readStore, [...ALL_PROJECTIONS], {
      logger: { log: (m) => this.logger.log(m), error: (m, e) => this.logger.error(m, e instanceof Error ? e.stack : String(e)) },
    });
  }

  async onModuleInit(): Promise<void> {
    const reached = await this.runner.catchUp();
    this.logger.log(`Read models caught up at position ${reached}`);
    this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
