/** Closes the stores last, after the projection runner has stopped and stored its checkpoint. */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '../event-store/event-store.port';
import type { ReadStore } from '../read-store/read-store.port';
import { EVENT_STORE, READ_STORE } from './tokens';

@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
    await this.eventStore.close();
  }
}
