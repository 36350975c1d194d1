/**
 * Append through the event store port (the SQLite adapter with the pragmas it ships) versus the
 * raw insert: one event per append, round-robin over `streams` streams that already exist.
 */
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { configureConnection, createSchema, SQL } from '../../../src/event-store/sqlite-schema';
import type { NewEvent } from '../../../src/shared/messages';
import { RawAppender } from '../support/raw-append';
import { sampleReportEvent } from '../support/sample-events';
import { secondsSince } from '../support/stats';

export interface AppendArgs {
  dir: string;
  count: number;
  streams: number;
}

const streamOf = (i: number, streams: number) => `indicator-bench-append-${i % streams}`;

/** Every stream gets its first event (revision 0) in one untimed bulk transaction. */
function prepare(args: AppendArgs): { file: string; events: NewEvent[] } {
  const file = path.join(args.dir, 'events.db');
  const db = new Database(file);
  configureConnection(db);
  createSchema(db);
  const insert = db.prepare(SQL.insert);
  db.transaction(() => {
    for (let s = 0; s < args.streams; s++) {
      const event = sampleReportEvent(-1 - s, `bench-append-${s}`);
      insert.run(streamOf(s, args.streams), 0, event.metadata.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
    }
  })();
  db.close();
  const events = Array.from({ length: args.count }, (_, i) => sampleReportEvent(i, `bench-append-${i % args.streams}`));
  return { file, events };
}

export async function appendThroughPort(args: AppendArgs): Promise<{ perSecond: number; seconds: number }> {
  const { file, events } = prepare(args);
  const store = new SqliteEventStore({ filename: file });
  const revisions = new Map<string, number>();
  const start = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    const streamId = streamOf(i, args.streams);
    const expected = revisions.get(streamId) ?? 0;
    const result = await store.appendToStream(streamId, [events[i]], expected);
    revisions.set(streamId, result.nextRevision);
  }
  const seconds = secondsSince(start);
  await store.close();
  return { perSecond: events.length / seconds, seconds };
}

export async function appendRaw(args: AppendArgs): Promise<{ perSecond: number; seconds: number }> {
  const { file, events } = prepare(args);
  const appender = new RawAppender(file);
  const start = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    appender.appendOne(streamOf(i, args.streams), { eventId: event.metadata.eventId, type: event.type, data: event.data, metadata: event.metadata });
  }
  const seconds = secondsSince(start);
  appender.close();
  return { perSecond: events.length / seconds, seconds };
}
