/**
 * Kill -9 while the read models catch up and while a read model is rebuilt beside the serving one:
 * a child process runs the projection daemon over a data directory and is SIGKILLed while it works
 * (once its committed checkpoint is past a mark, further each time), several times over. After every
 * kill, every generation's documents reflect exactly the events up to its stored checkpoint — none missing, none applied twice — and a last run to the
 * end swaps in what was being rebuilt with the same documents a clean build gives.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../../src/config/config';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { newEvent } from '../contract/event-store.contract';
import type { Tally } from '../support/tally-projection';

const STREAMS = 40;
const EVENTS_PER_STREAM = 150;
const KILLS = 4;

interface CatalogRow {
  state: string;
  position: number;
}

/** The catalog as the child has committed it so far (read beside it: the file is in WAL mode). */
function catalog(dir: string): CatalogRow[] {
  const file = path.join(dir, 'read-models.db');
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT state, position FROM read_model_generations WHERE state <> 'dropped'`).all() as CatalogRow[];
  } catch {
    return []; // not created yet
  } finally {
    db.close();
  }
}

/**
 * Runs the child; kills it as soon as `killWhen` holds of the catalog it has committed (looked at
 * every few milliseconds), or lets it finish when `killWhen` is null.
 */
function runChild(dir: string, version: number, killWhen: ((rows: CatalogRow[]) => boolean) | null): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/ts-require.js'), path.join(REPO_ROOT, 'test/support/project-until-killed.ts'), dir, String(version)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stderr = '';
    const watch = killWhen
      ? setInterval(() => {
          if (killWhen(catalog(dir))) child.kill('SIGKILL');
        }, 2)
      : undefined;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (signal === 'SIGKILL') resolve(output.includes('done') ? 'done' : 'killed');
      else if (code === 0) resolve('done');
      else reject(new Error(`child failed (${code}): ${stderr}`));
    });
    setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
  });
}

/** A generation in `state` has got past `threshold` but not to the head yet: the kill lands inside the work. */
const midway = (state: string, threshold: number, head: number) => (rows: CatalogRow[]) => rows.some((row) => row.state === state && row.position > threshold && row.position < head);

describe('SIGKILL while projecting (SQLite read models)', () => {
  let dir: string;
  const expected = new Map<string, number[]>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-kill-projection-'));
    const events = new SqliteEventStore({ filename: path.join(dir, 'events.db') });
    for (let s = 0; s < STREAMS; s++) {
      const streamId = `unit-kill-${s}`;
      const batch = Array.from({ length: EVENTS_PER_STREAM }, (_, i) => newEvent(i === 0 ? 'UnitRegistered' : 'UnitRenamed', { unitId: `kill-${s}`, name: `Đơn vị ${i}` }));
      const { position } = await events.appendToStream(streamId, batch, 'no_stream');
      expected.set(streamId, Array.from({ length: EVENTS_PER_STREAM }, (_, i) => position - EVENTS_PER_STREAM + 1 + i));
    }
    await events.close();
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Every generation holds exactly the events up to its checkpoint, each once, in order. */
  async function expectConsistent(): Promise<Array<{ state: string; version: number; position: number }>> {
    const store = new SqliteReadModelStore({ filename: path.join(dir, 'read-models.db') });
    try {
      const generations = await store.generations();
      for (const generation of generations) {
        const documents = (await store.documents(generation)) as Tally[];
        const got = Object.fromEntries(documents.map((document) => [document._id, document.positions]));
        const want = Object.fromEntries(
          [...expected].map(([streamId, positions]) => [streamId, positions.filter((p) => p <= generation.position)] as const).filter(([, positions]) => positions.length > 0),
        );
        expect({ generation: generation.generation, positions: got }).toEqual({ generation: generation.generation, positions: want });
      }
      return generations.map(({ state, version, position }) => ({ state, version, position }));
    } finally {
      await store.close();
    }
  }

  it('keeps documents and checkpoints together through kills during the catch-up, then during a rebuild', async () => {
    const head = STREAMS * EVENTS_PER_STREAM;
    const killedAt: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      if ((await runChild(dir, 1, midway('serving', (head * kill) / (KILLS + 1), head))) === 'done') break;
      killedAt.push(...(await expectConsistent()).map((g) => g.position));
    }
    expect(await runChild(dir, 1, null)).toBe('done');
    expect(await expectConsistent()).toEqual([{ state: 'serving', version: 1, position: head }]);
    // At least one kill landed inside the catch-up, not before it began or after it ended.
    expect(killedAt.some((position) => position > 0 && position < head)).toBe(true);

    // A new version of the projection: rebuilt beside the serving one, killed midway.
    const building: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      if ((await runChild(dir, 2, midway('building', (head * kill) / (KILLS + 1), head))) === 'done') break;
      const generations = await expectConsistent();
      // The old generation keeps serving, whole, until the new one is swapped in.
      expect(generations.find((g) => g.state === 'serving')).toMatchObject({ position: head });
      building.push(...generations.filter((g) => g.state === 'building').map((g) => g.position));
    }
    expect(await runChild(dir, 2, null)).toBe('done');
    expect(await expectConsistent()).toEqual([{ state: 'serving', version: 2, position: head }]);
    expect(building.some((position) => position > 0 && position < head)).toBe(true);
    // Up to ten child processes, each transpiling the sources as it starts: on a busy two-core machine
    // that alone can take longer than Jest's default 30 s.
  }, 180_000);
});
