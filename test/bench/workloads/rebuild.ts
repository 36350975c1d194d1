/**
 * Projection rebuild from zero into the in-memory read store (what every embedded start does),
 * versus the raw replay of the same events: page through the log and JSON.parse each row.
 */
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../../projections';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { SQL, type EventRow } from '../../../src/event-store/sqlite-schema';
import { IN_MEMORY_CATCH_UP_BATCH } from '../../../src/infrastructure/projection.service';
import { ProjectionRunner } from '../../../src/projection-runner/projection-runner';
import { InMemoryReadStore } from '../../../src/read-store/in-memory-read-store';
import { secondsSince } from '../support/stats';

export interface RebuildArgs {
  file: string;
}

export interface RebuildResult {
  perSecond: number;
  seconds: number;
  events: number;
  heapUsedMb: number;
}

const silent = { log: () => undefined, error: (message: string, error?: unknown) => console.error(message, error) };

export async function rebuildOurs(args: RebuildArgs): Promise<RebuildResult> {
  const eventStore = new SqliteEventStore({ filename: args.file });
  const readStore = new InMemoryReadStore();
  // As the service runs it at start-up (src/infrastructure/projection.service.ts).
  const runner = new ProjectionRunner(eventStore, readStore, [...ALL_PROJECTIONS], { logger: silent, catchUpBatchSize: IN_MEMORY_CATCH_UP_BATCH });
  const start = process.hrtime.bigint();
  const events = await runner.catchUp();
  const seconds = secondsSince(start);
  const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
  await eventStore.close();
  return { perSecond: events / seconds, seconds, events, heapUsedMb };
}

export async function rebuildRaw(args: RebuildArgs): Promise<RebuildResult> {
  const db = new Database(args.file, { readonly: true });
  const page = db.prepare<[number, number], EventRow>(SQL.readAll);
  const start = process.hrtime.bigint();
  let after = 0;
  let events = 0;
  let checksum = 0;
  for (;;) {
    const rows = page.all(after, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = { type: row.type, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as { recordedAt: string }, streamId: row.stream_id, revision: row.revision, position: row.position };
      checksum += event.metadata.recordedAt.length;
    }
    events += rows.length;
    after = rows[rows.length - 1].position;
  }
  const seconds = secondsSince(start);
  db.close();
  if (checksum === 0) throw new Error('raw replay read nothing');
  return { perSecond: events / seconds, seconds, events, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
}
