/**
 * The baseline every write workload is compared with: a bare better-sqlite3 insert of one event
 * row, with the schema and connection pragmas the SQLite adapter ships (imported from it, so they
 * cannot drift apart) and the same transaction shape: one BEGIN IMMEDIATE … COMMIT per append.
 * It does no read-before-write, no idempotency check and no hash chain: the stream's next revision
 * comes from a counter in memory. What it costs is what any append to this file costs.
 */
import Database from 'better-sqlite3';
import { configureConnection, createSchema, SQL } from '../../../src/event-store/sqlite-schema';

export interface RawEvent {
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export class RawAppender {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, number, string, string, string, string]>;
  private readonly append: (streamId: string, revision: number, event: RawEvent) => number;
  private readonly appendMany: (appends: ReadonlyArray<{ streamId: string; revision: number; event: RawEvent }>) => number[];
  private readonly nextRevision = new Map<string, number>();

  constructor(filename: string) {
    this.db = new Database(filename);
    configureConnection(this.db);
    createSchema(this.db);
    this.insert = this.db.prepare(SQL.insert);
    // Revisions already in the file (a copied dataset) so the UNIQUE (stream, revision) holds.
    for (const row of this.db.prepare('SELECT stream_id, MAX(revision) AS revision FROM events GROUP BY stream_id').all() as Array<{ stream_id: string; revision: number }>) {
      this.nextRevision.set(row.stream_id, row.revision + 1);
    }
    const transaction = this.db.transaction((streamId: string, revision: number, event: RawEvent) => {
      const info = this.insert.run(streamId, revision, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
      return Number(info.lastInsertRowid);
    });
    this.append = (streamId, revision, event) => transaction.immediate(streamId, revision, event);
    // Nested in this one, each append above runs as a savepoint, as in the adapter's group commit.
    const group = this.db.transaction((appends: ReadonlyArray<{ streamId: string; revision: number; event: RawEvent }>) =>
      appends.map(({ streamId, revision, event }) => transaction(streamId, revision, event)),
    );
    this.appendMany = (appends) => group.immediate(appends);
  }

  /** Appends one event; returns its revision and global position. */
  appendOne(streamId: string, event: RawEvent): { revision: number; position: number } {
    const revision = this.nextRevision.get(streamId) ?? 0;
    const position = this.append(streamId, revision, event);
    this.nextRevision.set(streamId, revision + 1);
    return { revision, position };
  }

  /** Appends one event to each stream, all in one BEGIN IMMEDIATE transaction; answers their positions in order. */
  appendGroup(appends: ReadonlyArray<{ streamId: string; event: RawEvent }>): Array<{ revision: number; position: number }> {
    const revisions = appends.map(({ streamId }) => {
      const revision = this.nextRevision.get(streamId) ?? 0;
      this.nextRevision.set(streamId, revision + 1);
      return revision;
    });
    const positions = this.appendMany(appends.map(({ streamId, event }, index) => ({ streamId, revision: revisions[index], event })));
    return positions.map((position, index) => ({ revision: revisions[index], position }));
  }

  close(): void {
    this.db.close();
  }
}
