/**
 * The one place the environment is read. Everything else receives a typed `AppConfig`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AppConfig {
  port: number;
  /** Where the embedded stores keep their files. */
  dataDir: string;
  eventStore: { kind: 'sqlite'; filename: string };
  readStore: { kind: 'memory' };
  /** JSON file of principals `{ name, apiKey, unitId, roles }[]`. */
  principalsFile: string;
  /** Seed the resolution on start when the event store is empty. */
  seedOnStart: boolean;
  seedFile: string;
  /** How long a query waits for `minPosition` before answering 503. */
  readYourWritesTimeoutMs: number;
  /** Largest JSON body accepted. */
  bodyLimit: string;
}

export class ConfigError extends Error {}

/** The repository root, found from this file whether it runs compiled (dist/src/…) or from source (src/…). */
export const REPO_ROOT = findUp(__dirname, 'package.json');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: integer(env.PORT, 3000, 'PORT', 0, 65535),
    dataDir,
    eventStore: { kind: 'sqlite', filename: path.join(dataDir, 'events.db') },
    readStore: { kind: 'memory' },
    principalsFile: path.resolve(env.PRINCIPALS_FILE ?? path.join(REPO_ROOT, 'seeds', 'demo-principals.json')),
    seedOnStart: (env.SEED_ON_START ?? 'true') !== 'false',
    seedFile: path.resolve(env.SEED_FILE ?? path.join(REPO_ROOT, 'seeds', 'resolution-2021.json')),
    readYourWritesTimeoutMs: integer(env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 'READ_YOUR_WRITES_TIMEOUT_MS', 0, 60000),
    bodyLimit: env.BODY_LIMIT ?? '100kb',
  };
}

function integer(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function findUp(from: string, marker: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, marker))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new ConfigError(`No ${marker} above ${from}`);
    dir = parent;
  }
  return dir;
}
