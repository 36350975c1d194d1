/** Closes the stores last, after the projection runner has stopped and stored its checkpoints, then gives the data directory up. */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '../event-store/event-store.port';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import type { DataDirLock } from './data-dir-lock';
import { DATA_DIR_LOCK, EVENT_STORE, READ_MODEL_STORE } from './tokens';

@Injectable()
export class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModelStore: ReadModelStore,
    @Inject(DATA_DIR_LOCK) private readonly lock: DataDirLock | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.readModelStore.close();
      await this.eventStore.close();
    } finally {
      this.lock?.release();
    }
  }
}
