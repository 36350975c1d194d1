/** Builds the configured store adapters. The only file that knows which adapter backs which port. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/config';
import { INDICATOR_STREAM_PREFIX } from '../domain/indicator/events';
import { RESOLUTION_STREAM_PREFIX } from '../domain/resolution/events';
import { UNIT_STREAM_PREFIX } from '../domain/unit/events';
import type { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import type { ProjectionLease } from '../projection-lease/projection-lease.port';
import { SingleProcessLease } from '../projection-lease/single-process-lease';
import { InMemoryReadStore } from '../read-store/in-memory-read-store';
import type { MongoReadStore } from '../read-store/mongo-read-store';
import type { ReadStore } from '../read-store/read-store.port';

/** The ledger's stream categories: the only streams the EventStoreDB adapter reads from $all. */
export const LEDGER_STREAM_PREFIXES: readonly string[] = [RESOLUTION_STREAM_PREFIX, UNIT_STREAM_PREFIX, INDICATOR_STREAM_PREFIX];

export function createEventStore(config: AppConfig): EventStore {
  const store = config.eventStore;
  switch (store.kind) {
    case 'eventstoredb':
      return loadEventStoreDbAdapter().EventStoreDbEventStore.fromConnectionString(store.connectionString, { streamPrefixes: LEDGER_STREAM_PREFIXES });
    case 'sqlite':
      fs.mkdirSync(path.dirname(store.filename), { recursive: true });
      return new SqliteEventStore({ filename: store.filename });
    default:
      return unknownKind(store);
  }
}

export function createReadStore(config: AppConfig): ReadStore {
  const store = config.readStore;
  switch (store.kind) {
    case 'mongodb':
      return loadMongoAdapter().MongoReadStore.fromUri(store.uri, store.database);
    case 'memory':
      return new InMemoryReadStore();
    default:
      return unknownKind(store);
  }
}

/**
 * The lease lives where the read models live, because it guards their writes: beside them in
 * MongoDB, or in this process for the in-memory store (which no other process can see anyway).
 */
export function createProjectionLease(readStore: ReadStore): ProjectionLease {
  return keepsItsOwnLease(readStore) ? readStore.projectionLease() : new SingleProcessLease();
}

function keepsItsOwnLease(readStore: ReadStore): readStore is MongoReadStore {
  return typeof (readStore as Partial<MongoReadStore>).projectionLease === 'function';
}

/*
 * The production adapters are loaded only when they are configured. Their clients (gRPC for
 * EventStoreDB, the MongoDB driver) take about 20 MB and 0.1 s each to load, which the embedded mode
 * never uses: start-up time and peak memory are goals of their own (README, Performance).
 */
function loadEventStoreDbAdapter(): typeof import('../event-store/eventstoredb-event-store') {
  return require('../event-store/eventstoredb-event-store') as typeof import('../event-store/eventstoredb-event-store');
}

function loadMongoAdapter(): typeof import('../read-store/mongo-read-store') {
  return require('../read-store/mongo-read-store') as typeof import('../read-store/mongo-read-store');
}

function unknownKind(store: never): never {
  throw new Error(`Unknown store configuration ${JSON.stringify(store)}`);
}
