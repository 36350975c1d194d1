/**
 * Holds the service's start until the event store can serve. On EventStoreDB that means a cluster
 * with an elected leader the client can reach, waited for within EVENTSTORE_STARTUP_TIMEOUT_MS and
 * logged while it lasts (src/event-store/eventstoredb/wait-for-leader.ts); the embedded store is
 * ready as soon as it is open.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import type { EventStore } from '../event-store/event-store.port';
import { isLeaderProbe, waitForLeader } from '../event-store/eventstoredb/wait-for-leader';
import { APP_CONFIG, EVENT_STORE } from './tokens';

/** Between attempts; each attempt already runs the client's own discovery rounds. */
export const LEADER_RETRY_DELAY_MS = 1000;

@Injectable()
export class EventStoreReadiness {
  private readonly logger = new Logger('EventStore');
  private ready: Promise<void> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One wait per process, however many callers ask. */
  untilReady(): Promise<void> {
    this.ready ??= isLeaderProbe(this.store)
      ? waitForLeader(this.store, { timeoutMs: this.config.eventStoreStartupTimeoutMs, retryDelayMs: LEADER_RETRY_DELAY_MS, logger: this.logger })
      : Promise.resolve();
    return this.ready;
  }
}
