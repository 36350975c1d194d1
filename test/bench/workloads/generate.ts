/** Builds (or reuses) the benchmark datasets. Cached by a fingerprint of everything that shapes the events. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDataset, type DatasetInfo, type DatasetSpec } from '../dataset/generate';
import { runInChild } from '../support/processes';

const ROOT = path.resolve(__dirname, '../../../..');
export const BENCH_TMP = path.join(os.tmpdir(), 'resolution-ledger-bench');

export async function generateInChild(args: { dir: string; spec: DatasetSpec }): Promise<DatasetInfo> {
  return generateDataset(args.dir, args.spec);
}

/** The dataset's events.db, generated in a child process unless an identical one is cached. */
export async function dataset(name: string, spec: DatasetSpec, log: (line: string) => void): Promise<DatasetInfo> {
  const dir = path.join(BENCH_TMP, 'datasets', `${name}-${fingerprint(spec)}`);
  const infoFile = path.join(dir, 'info.json');
  if (process.env.BENCH_FRESH !== '1' && fs.existsSync(infoFile)) return JSON.parse(fs.readFileSync(infoFile, 'utf8')) as DatasetInfo;
  // Datasets of an older fingerprint are stale: drop them (a million events take about 1 GB).
  const parent = path.dirname(dir);
  if (fs.existsSync(parent)) {
    for (const entry of fs.readdirSync(parent)) if (entry.startsWith(`${name}-`)) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  const start = Date.now();
  const info = await runInChild<DatasetInfo>('generate', { dir, spec });
  fs.writeFileSync(infoFile, JSON.stringify(info));
  log(`  dataset ${name}: ${info.events} events generated in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return info;
}

/** A fresh copy of a dataset's event store in `dir` (workloads that write must not touch the cached file). */
export function copyDataset(info: DatasetInfo, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, 'events.db');
  fs.copyFileSync(info.file, target);
  return target;
}

/** The dataset's event store with its read models built, as a service that has been running holds them. */
export interface PreparedStore {
  info: DatasetInfo;
  /** Holds events.db and read-models.db. */
  dir: string;
}

/**
 * The dataset with its read models built by the rebuild code (workloads/rebuild.ts), cached beside
 * the event store and stamped with the read side's code: a change to a projection or to the
 * read-model store builds them again. `build` is how they are built when the cache misses
 * (the rebuild workload passes one of its own measured runs).
 */
export async function preparedStore(info: DatasetInfo, log: (line: string) => void, build?: (keepAs: string) => Promise<void>): Promise<PreparedStore> {
  const dir = path.dirname(info.file);
  const file = path.join(dir, 'read-models.db');
  const stamp = path.join(dir, 'read-models.stamp');
  const readSide = readSideFingerprint();
  if (fs.existsSync(file) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === readSide) return { info, dir };
  fs.rmSync(file, { force: true });
  fs.rmSync(stamp, { force: true });
  const start = Date.now();
  await (build ?? ((keepAs) => runInChild('rebuild-ours', { file: info.file, dir: path.join(dir, 'rebuild-scratch'), keepAs })))(file);
  fs.writeFileSync(stamp, readSide);
  log(`  read models of ${info.events} events built in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return { info, dir };
}

/** True when `preparedStore` would find the read models built. */
export function isPrepared(info: DatasetInfo): boolean {
  const dir = path.dirname(info.file);
  const stamp = path.join(dir, 'read-models.stamp');
  return fs.existsSync(path.join(dir, 'read-models.db')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === readSideFingerprint();
}

/** A copy of a prepared store in `dir`, for a service to run on (the cached files stay untouched). */
export function copyPrepared(store: PreparedStore, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ['events.db', 'read-models.db']) fs.copyFileSync(path.join(store.dir, name), path.join(dir, name));
  return dir;
}

/** The compiled projections and read side: what shapes the read models. */
function readSideFingerprint(): string {
  const hash = createHash('sha1');
  for (const dir of [path.join(ROOT, 'dist-bench', 'projections'), ...['read-models', 'projection-runner'].map((name) => path.join(ROOT, 'dist-bench', 'src', name))]) hashTree(hash, dir);
  return hash.digest('hex').slice(0, 12);
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else if (entry.name.endsWith('.js')) hash.update(entry.name).update(fs.readFileSync(full));
  }
}

/**
 * The read side of src/: what reads, projects, serves or logs events but never shapes one. Leaving
 * it out of the fingerprint keeps a change to the read store or the HTTP layer from regenerating
 * (and deleting) the datasets, which would cost a minute and, when several people bench the same
 * checkout, pull a cached dataset from under someone else's run.
 */
const READ_SIDE = new Set(['read-models', 'projection-runner', 'projection-lease', 'http', 'health', 'logging', 'exports']);

/** Compiled sources that shape events, the seed and the principals: a change to any of them regenerates the datasets. */
function fingerprint(spec: DatasetSpec): string {
  const hash = createHash('sha1').update(JSON.stringify(spec));
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && dir.endsWith(path.join('dist-bench', 'src')) && READ_SIDE.has(entry.name)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js') || entry.name.endsWith('.json')) hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(path.join(ROOT, 'dist-bench', 'src'));
  walk(path.join(ROOT, 'dist-bench', 'test', 'bench', 'dataset'));
  walk(path.join(ROOT, 'seeds'));
  return hash.digest('hex').slice(0, 12);
}
