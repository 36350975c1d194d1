/**
 * Rebuild of every read model from the whole ledger into the embedded SQLite read-model store, by
 * the code `npm run projections:rebuild` runs (`ProjectionDaemon.rebuild`: new generations filled
 * from the first event, indexed once caught up, swapped in), versus a raw baseline over the same
 * events: page through the log, parse each event, and insert one row per event into a SQLite table
 * with the read-model store's own connection settings and commit size.
 *
 * The read-model file starts empty, so the generations swapped out are empty ones: what is timed is
 * building the read models, not dropping a million rows of an older generation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../../projections';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { SQL, type EventRow } from '../../../src/event-store/sqlite-schema';
import { DEFAULT_CATCH_UP_BATCH, ProjectionDaemon } from '../../../src/projection-runner/projection-daemon';
import { ReadModelAvailability } from '../../../src/read-models/read-model-availability';
import { configureReadModelConnection } from '../../../src/read-models/sqlite/sqlite-read-model-store';
import { SqliteReadModelStore } from '../../../src/read-models/sqlite/sqlite-read-model-store';
import { secondsSince } from '../support/stats';

export interface RebuildArgs {
  file: string;
  /** Where the read models (or the baseline's table) are written; removed afterwards. */
  dir: string;
  /** Keep the rebuilt read-models.db there (a prepared store for the restart and query workloads). */
  keepAs?: string;
  /** Build only these read models (what each one costs); every one when absent. */
  readModels?: string[];
}

export interface RebuildResult {
  perSecond: number;
  seconds: number;
  events: number;
  heapUsedMb: number;
  /** Size of the database file written. */
  megabytes: number;
  /**
   * CPU time of the process over the timed part (user + system): what the work costs whatever else
   * the machine runs, where the wall time also counts waiting for a core or the disk.
   */
  cpuSeconds: number;
}

function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

const silent = { log: () => undefined, error: (message: string, error?: unknown) => console.error(message, error) };

export async function rebuildOurs(args: RebuildArgs): Promise<RebuildResult> {
  const eventStore = new SqliteEventStore({ filename: args.file });
  const target = path.join(args.dir, 'read-models.db');
  const store = new SqliteReadModelStore({ filename: target });
  const projections = args.readModels ? ALL_PROJECTIONS.filter((projection) => args.readModels?.includes(projection.name)) : ALL_PROJECTIONS;
  const daemon = new ProjectionDaemon(eventStore, store, projections, new ReadModelAvailability(), { logger: silent });
  let rebuilt = false;
  try {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const report = await daemon.rebuild();
    rebuilt = true;
    const seconds = secondsSince(start);
    const cpuSeconds = cpuSecondsSince(cpu);
    const events = report.position;
    if (report.readModels.length !== projections.length) throw new Error(`rebuilt ${report.readModels.join(', ')}, not every read model asked for`);
    return { perSecond: events / seconds, seconds, events, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, megabytes: fileMegabytes(target), cpuSeconds };
  } finally {
    await store.close();
    await eventStore.close();
    // Closed, the file holds everything (the last connection checkpoints and removes the WAL).
    if (args.keepAs && rebuilt) fs.renameSync(target, args.keepAs);
    fs.rmSync(args.dir, { recursive: true, force: true });
  }
}

export async function rebuildRaw(args: RebuildArgs): Promise<RebuildResult> {
  const db = new Database(args.file, { readonly: true });
  const page = db.prepare<[number, number], EventRow>(SQL.readAll);
  const target = path.join(args.dir, 'raw.db');
  fs.mkdirSync(args.dir, { recursive: true });
  const out = new Database(target);
  configureReadModelConnection(out);
  out.exec('CREATE TABLE copy (id TEXT PRIMARY KEY, position INTEGER NOT NULL, document TEXT NOT NULL)');
  const insert = out.prepare('INSERT INTO copy (id, position, document) VALUES (?, ?, ?)');
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let after = 0;
  let events = 0;
  let batch: Array<[string, number, string]> = [];
  const commit = out.transaction((rows: Array<[string, number, string]>) => {
    for (const row of rows) insert.run(row);
  });
  for (;;) {
    const rows = page.all(after, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = { type: row.type, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as { recordedAt: string }, streamId: row.stream_id, revision: row.revision, position: row.position };
      batch.push([`${event.streamId}:${event.revision}`, event.position, JSON.stringify(event)]);
    }
    events += rows.length;
    after = rows[rows.length - 1].position;
    if (batch.length >= DEFAULT_CATCH_UP_BATCH) {
      commit(batch);
      batch = [];
    }
  }
  commit(batch);
  const seconds = secondsSince(start);
  const cpuSeconds = cpuSecondsSince(cpu);
  db.close();
  out.close();
  const megabytes = fileMegabytes(target);
  fs.rmSync(args.dir, { recursive: true, force: true });
  if (events === 0) throw new Error('raw replay read nothing');
  return { perSecond: events / seconds, seconds, events, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, megabytes, cpuSeconds };
}

function fileMegabytes(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size / 2 ** 20 : 0;
}
