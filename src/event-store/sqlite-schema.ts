/** The SQLite event log: connection settings and table layout, kept apart from the adapter's logic. */
import type { Database } from 'better-sqlite3';

/** How long a writer waits for another process's write lock before giving up with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export function configureConnection(db: Database): void {
  // WAL lets readers (subscriptions, other processes) read while one writer appends.
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged append survives a power loss. We ship durable settings, not fast ones.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * `position` is AUTOINCREMENT so a position is never reused, even if rows were ever deleted.
 * SQLite has a single writer, so positions become visible in the order they were assigned: a
 * reader that has seen position p will never later find a smaller committed position (no gaps
 * to fill in behind a subscription, unlike sequences in multi-writer databases).
 */
export function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      UNIQUE (stream_id, revision)
    )
  `);
}

/** A stored row as better-sqlite3 returns it. */
export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

export type StoredEventRef = Pick<EventRow, 'stream_id' | 'revision' | 'position'>;

export const SQL = {
  insert: `INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)`,
  lastOfStream: `SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`,
  findByEventId: `SELECT stream_id, revision, position FROM events WHERE event_id = ?`,
  eventIdsFromRevision: `SELECT event_id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  readStream: `SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
  readAll: `SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  headPosition: `SELECT COALESCE(MAX(position), 0) AS head FROM events`,
  countAfter: `SELECT count(*) AS count FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)`,
} as const;
