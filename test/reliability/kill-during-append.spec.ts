/**
 * Kill -9 in the middle of appending: a child process appends 150-event commands in a loop
 * through the real SQLite adapter and is SIGKILLed at a random moment, several times over, on the
 * same file. After every kill the file passes SQLite's integrity check and holds each command's
 * events whole or not at all — and every command the child was told had succeeded is there.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../../src/config/config';

const KILLS = 5;

interface Row {
  stream_id: string;
  revision: number;
  metadata: string;
  data: string;
}

/** Runs the child until it has reported `acknowledgements` appends plus a random delay, then kills it. */
function appendThenKill(dbFile: string, acknowledgements: number, extraDelayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/ts-require.js'), path.join(REPO_ROOT, 'test/support/append-until-killed.ts'), dbFile], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let buffered = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('appended ')) acknowledged.push(line.slice('appended '.length));
      if (!killing && acknowledged.length >= acknowledgements) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`child ended without being killed: ${stderr}`))));
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

describe('SIGKILL during an append (SQLite event store)', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-kill-'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every command whole or absent, loses no acknowledged command, and passes the integrity check', async () => {
    const dbFile = path.join(dir, 'events.db');
    const acknowledged = new Set<string>();
    for (let kill = 0; kill < KILLS; kill++) {
      // Vary how far in the kill lands: a few appends in, plus 0–15 ms into the next ones.
      for (const id of await appendThenKill(dbFile, 2 + kill, Math.floor(Math.random() * 15))) acknowledged.add(id);

      const db = new Database(dbFile);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare('SELECT stream_id, revision, metadata, data FROM events ORDER BY position').all() as Row[];
        const byCommand = new Map<string, Array<{ index: number; of: number; streamId: string; revision: number }>>();
        for (const row of rows) {
          const { commandId } = JSON.parse(row.metadata) as { commandId: string };
          const { index, of } = JSON.parse(row.data) as { index: number; of: number };
          byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), { index, of, streamId: row.stream_id, revision: row.revision }]);
        }
        for (const [commandId, events] of byCommand) {
          expect({ commandId, count: events.length }).toEqual({ commandId, count: events[0].of });
          expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));
          // One stream, consecutive revisions: the command's events were appended together.
          expect(new Set(events.map((e) => e.streamId)).size).toBe(1);
          expect(events.map((e) => e.revision - events[0].revision)).toEqual(events.map((_, i) => i));
        }
        for (const id of acknowledged) expect(byCommand.has(id)).toBe(true);
      } finally {
        db.close();
      }
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS * 2);
  });
});
