/** Builds the configured store adapters. The only file that knows which adapter backs which port. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/config';
import { INDICATOR_STREAM_PREFIX } from '../domain/indicator/events';
import { RESOLUTION_STREAM_PREFIX } from '../domain/resolution/events';
import { REVIEW_STREAM_PREFIX } from '../domain/review/events';
import { UNIT_STREAM_PREFIX } from '../domain/unit/events';
import type { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import type { ProjectionLease } from '../projection-lease/projection-lease.port';
import { SingleProcessLease } from '../projection-lease/single-process-lease';
import type { MongoReadModelStore } from '../read-models/mongo/mongo-read-model-store';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import { SqliteReadModelStore } from '../read-models/sqlite/sqlite-read-model-store';
import { DataDirLock } from './data-dir-lock';

/** The ledger's stream categories: the only streams the EventStoreDB adapter reads from $all. */
export const LEDGER_STREAM_PREFIXES: readonly string[] = [RESOLUTION_STREAM_PREFIX, UNIT_STREAM_PREFIX, INDICATOR_STREAM_PREFIX, REVIEW_STREAM_PREFIX];

/** True when a store lives in files under DATA_DIR, which then belongs to this process alone. */
export function usesDataDir(config: AppConfig): boolean {
  return config.eventStore.kind === 'sqlite' || config.readStore.kind === 'sqlite';
}

/** The data directory's lock when an embedded store is configured (DataDirInUseError when another process has it), else null. */
export function lockDataDir(config: AppConfig): DataDirLock | null {
  return usesDataDir(config) ? DataDirLock.acquire(config.dataDir) : null;
}

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

export function createReadModelStore(config: AppConfig): ReadModelStore {
  const store = config.readStore;
  switch (store.kind) {
    case 'mongodb':
      return loadMongoAdapter().MongoReadModelStore.fromUri(store.uri, store.database);
    case 'sqlite':
      return new SqliteReadModelStore({ filename: store.filename });
    default:
      return unknownKind(store);
  }
}

/**
 * The lease lives where the read models live, because it guards their writes: beside them in
 * MongoDB, or in this process for the embedded store (which the data directory's lock keeps to one process).
 */
export function createProjectionLease(store: ReadModelStore): ProjectionLease {
  return store.kind === 'mongodb' ? (store as MongoReadModelStore).projectionLease() : new SingleProcessLease();
}

/*
 * The production adapters are loaded only when they are configured. Their clients (gRPC for
 * EventStoreDB, the MongoDB driver) take about 20 MB and 0.1 s each to load, which the embedded mode
 * never uses: start-up time and peak memory matter to a user (docs/performance.md).
 */
function loadEventStoreDbAdapter(): typeof import('../event-store/eventstoredb-event-store') {
  return require('../event-store/eventstoredb-event-store') as typeof import('../event-store/eventstoredb-event-store');
}

function loadMongoAdapter(): typeof import('../read-models/mongo/mongo-read-model-store') {
  return require('../read-models/mongo/mongo-read-model-store') as typeof import('../read-models/mongo/mongo-read-model-store');
}

function unknownKind(store: never): never {
  throw new Error(`Unknown store configuration ${JSON.stringify(store)}`);
}
