/** Builds the configured store adapters. The only file that knows which adapter backs which port. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/config';
import type { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { InMemoryReadStore } from '../read-store/in-memory-read-store';
import type { ReadStore } from '../read-store/read-store.port';

export function createEventStore(config: AppConfig): EventStore {
  fs.mkdirSync(path.dirname(config.eventStore.filename), { recursive: true });
  return new SqliteEventStore({ filename: config.eventStore.filename });
}

export function createReadStore(_config: AppConfig): ReadStore {
  return new InMemoryReadStore();
}
