/**
 * Fault: the first start stopped midway through seeding (killed, or stopped by a full disk). The
 * next start completes the seed instead of serving part of the resolution: every indicator and
 * task is there once, and /health is 200 only then.
 */
import request from 'supertest';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, REPO_ROOT } from '../../src/config/config';
import { scanLedger } from '../../src/integrity/ledger-scan';
import { loadSeedFile } from '../../src/seeding/seed-loader';
import { Seeder } from '../../src/seeding/seeder';
import { logCapture } from '../support/log-capture';
import { startTestApp } from '../support/test-app';

/** Starts a first start in a child process and kills it (SIGKILL) once `appends` appends were acknowledged. */
function seedThenKill(dataDir: string, appends: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'test/support/ts-require.js'), path.join(REPO_ROOT, 'test/support/seed-until-killed.ts'), dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged: string[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      acknowledged = stdout.split('\n').filter((line) => line.startsWith('appended ')).map((line) => line.slice('appended '.length));
      if (acknowledged.length >= appends) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`the first start ended without being killed: ${stdout.slice(-200)} ${stderr}`))));
  });
}

describe('a seed that did not finish', () => {
  let dir: string;
  const seed = loadSeedFile(loadConfig().seedFile);
  const { destination, logged } = logCapture();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-seed-'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is completed at the next start: every indicator and task once, nothing appended twice, the chains intact', async () => {
    // The first start: the resolution, the units and a third of the indicators, then it stops.
    // Logging where the next start does: nestjs-pino keeps the first application's logger for lines logged outside a request.
    const first = await startTestApp({ dataDir: dir, seed: false, env: { LOG_LEVEL: 'info' }, logDestination: destination });
    const applied = seed.indicators.slice(0, Math.floor(seed.indicators.length / 3));
    await first.app.get(Seeder).seed({ ...seed, indicators: applied });
    const partial = await first.get('/indicators?limit=1').expect(200);
    expect(partial.body.total).toBe(applied.length);
    const before = await first.eventStore.headPosition();
    await first.close();

    // The next start, as `npm start` seeds.
    const next = await startTestApp({ dataDir: dir, env: { LOG_LEVEL: 'info' }, logDestination: destination });
    try {
      await request(next.app.getHttpServer()).get('/health').expect(200);
      const listed = await next.get('/indicators?limit=1').expect(200);
      expect(listed.body.total).toBe(seed.indicators.length);
      expect(logged().some((l) => l.level === 40 && String(l.msg).includes(`${seed.indicators.length - applied.length} of `))).toBe(true);

      const scan = await scanLedger(next.eventStore);
      // One event per seeded stream: the resolution, each unit, each indicator; the first start's kept as they were.
      expect(scan.events).toBe(1 + seed.units.length + seed.indicators.length);
      expect(scan.streams.every((stream) => stream.events === 1 && stream.valid)).toBe(true);
      expect((await next.eventStore.readAll({ fromPosition: 0, limit: before })).map((e) => e.position)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    } finally {
      await next.close();
    }

    // A start after a complete seed appends nothing.
    const third = await startTestApp({ dataDir: dir });
    try {
      expect(await third.eventStore.headPosition()).toBe(1 + seed.units.length + seed.indicators.length);
    } finally {
      await third.close();
    }
  });

  // The first start runs in a child process that compiles its sources as it loads: give it time on a loaded machine.
  it('a first start killed (SIGKILL) while seeding is completed at the next start, nothing acknowledged lost', async () => {
    const killed = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-seed-killed-'));
    try {
      const acknowledged = await seedThenKill(killed, 10);
      const db = new Database(path.join(killed, 'events.db'), { readonly: true });
      const storedStreams = new Set((db.prepare('SELECT stream_id FROM events').all() as Array<{ stream_id: string }>).map((row) => row.stream_id));
      db.close();
      const full = 1 + seed.units.length + seed.indicators.length;
      // Every append acknowledged before the kill is stored; the seed is far from done.
      for (const stream of acknowledged) expect(storedStreams.has(stream)).toBe(true);
      expect(storedStreams.size).toBeLessThan(full);

      const next = await startTestApp({ dataDir: killed });
      try {
        await request(next.app.getHttpServer()).get('/health').expect(200);
        expect((await next.get('/indicators?limit=1').expect(200)).body.total).toBe(seed.indicators.length);
        const scan = await scanLedger(next.eventStore);
        expect(scan.events).toBe(full);
        expect(scan.streams.every((stream) => stream.events === 1 && stream.valid)).toBe(true);
      } finally {
        await next.close();
      }
    } finally {
      fs.rmSync(killed, { recursive: true, force: true });
    }
  }, 180_000);

  it('leaves a ledger that holds another resolution alone', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-other-'));
    try {
      const first = await startTestApp({ dataDir: other, seed: false });
      await first.app.get(Seeder).seed({ ...seed, resolution: { ...seed.resolution, id: 'another-resolution' }, units: seed.units.slice(0, 1), indicators: [] });
      const head = await first.eventStore.headPosition();
      await first.close();
      const next = await startTestApp({ dataDir: other });
      try {
        expect(await next.eventStore.headPosition()).toBe(head);
      } finally {
        await next.close();
      }
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
