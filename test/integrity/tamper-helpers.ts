/** Tampering done the way an administrator with file access would: straight in the SQLite file. */
import Database from 'better-sqlite3';
import { eventHash } from '../../src/integrity/event-hash';
import type { EventMetadata } from '../../src/shared/messages';
import { KEYS, type TestApp } from '../support/test-app';

export type SqlFile = Database.Database;

/** Runs `tamper` on its own connection to the app's event store file, outside the ledger. */
export function tamperWith(t: TestApp, tamper: (db: SqlFile, streamId: string) => void, streamId: string): void {
  const store = t.config.eventStore;
  if (store.kind !== 'sqlite') throw new Error('Tampering tests open the SQLite event store file');
  const db = new Database(store.filename);
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => tamper(db, streamId))();
  } finally {
    db.close();
  }
}

/** Gives an indicator four monthly reports on top of its registration: revisions 0–4. */
export async function fillStream(t: TestApp, indicatorId: string, metric: string, values = [90, 91, 92, 93]): Promise<number> {
  let position = 0;
  for (const [i, value] of values.entries()) {
    const response = await t.post(`/indicators/${indicatorId}/progress-reports`, { metric, period: `2021-0${i + 1}`, value }, KEYS.coordinator).expect(201);
    position = response.body.position as number;
  }
  return position;
}

export const editFigure = (revision: number, value: number) => (db: SqlFile, streamId: string) => {
  db.prepare(`UPDATE events SET data = json_set(data, '$.value', ?) WHERE stream_id = ? AND revision = ?`).run(value, streamId, revision);
};

export const deleteEvent = (revision: number) => (db: SqlFile, streamId: string) => {
  db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(streamId, revision);
};

/** Deletes an event and renumbers the ones after it so no revision is missing. */
export const deleteAndRenumber = (revision: number) => (db: SqlFile, streamId: string) => {
  deleteEvent(revision)(db, streamId);
  const later = db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision > ? ORDER BY revision').all(streamId, revision) as { position: number }[];
  for (const { position } of later) db.prepare('UPDATE events SET revision = revision - 1 WHERE position = ?').run(position);
};

/** Swaps two events' places in the stream (their revisions), through a free revision number. */
export const swapEvents = (a: number, b: number) => (db: SqlFile, streamId: string) => {
  const move = db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
  move.run(-1, streamId, a);
  move.run(a, streamId, b);
  move.run(b, streamId, -1);
};

export const truncateFrom = (revision: number) => (db: SqlFile, streamId: string) => {
  db.prepare('DELETE FROM events WHERE stream_id = ? AND revision >= ?').run(streamId, revision);
};

/**
 * The careful forger: edits a figure and recomputes every hash from there on with the published
 * algorithm, so the stream's own chain is consistent again.
 */
export const rewriteWithFreshHashes = (revision: number, value: number) => (db: SqlFile, streamId: string) => {
  editFigure(revision, value)(db, streamId);
  const rows = db.prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as {
    position: number;
    revision: number;
    type: string;
    data: string;
    metadata: string;
  }[];
  let prevHash: string | null = null;
  for (const row of rows) {
    const metadata = JSON.parse(row.metadata) as EventMetadata;
    if (row.revision >= revision) {
      metadata.prevHash = prevHash ?? metadata.prevHash;
      metadata.hash = eventHash({ stream: streamId, revision: row.revision, type: row.type, data: JSON.parse(row.data), metadata });
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
    }
    prevHash = metadata.hash;
  }
};
