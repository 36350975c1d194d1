/**
 * The one place the environment is read. Everything else receives a typed `AppConfig`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AppConfig {
  port: number;
  /** Where the embedded stores keep their files. */
  dataDir: string;
  eventStore: EventStoreConfig;
  readStore: ReadStoreConfig;
  /** JSON file of principals `{ name, apiKey | apiKeySha256, unitId, roles }[]`. */
  principalsFile: string;
  /** The same JSON array given inline (PRINCIPALS_JSON); when set it replaces the file. */
  principalsJson?: string;
  /** The shipped demo principals: production mode refuses to start while any of their keys works. */
  demoPrincipalsFile: string;
  /** Server stores configured or NODE_ENV=production: demo keys are refused at start. */
  productionMode: boolean;
  /** Bearer JWTs from the departments' identity provider, when configured; API keys work either way. */
  jwt: JwtConfig | null;
  /** Origins allowed to call the API from a browser; empty = CORS off (no CORS headers at all). */
  corsOrigins: string[];
  /** Requests per principal (per client address when unauthenticated) per window; 0 turns the limit off. */
  rateLimit: { limit: number; windowMs: number };
  /** pino level; 'silent' turns request and application logs off. */
  logLevel: LogLevelName;
  /** How long shutdown waits for requests in flight before closing the stores anyway. */
  shutdownTimeoutMs: number;
  /** How long start-up waits for an EventStoreDB cluster to have an elected leader before giving up. */
  eventStoreStartupTimeoutMs: number;
  /** Seed the resolution on start when the event store is empty. */
  seedOnStart: boolean;
  seedFile: string;
  /** How long a query waits for `minPosition` before answering 503. */
  readYourWritesTimeoutMs: number;
  /** How long the projection lease lasts unrenewed: a dead holder is replaced after at most this (plus a third of it). */
  projectionLeaseTtlMs: number;
  /** Largest JSON body accepted. */
  bodyLimit: string;
}

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const LOG_LEVELS: readonly LogLevelName[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Asymmetric algorithms only: a shared HMAC secret would let every verifier mint tokens, and `none` is never accepted. */
export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export interface JwtConfig {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Exactly one key source: a PEM public key (SPKI), a JWKS file, or a JWKS URL. */
  publicKeyFile?: string;
  jwksFile?: string;
  jwksUrl?: string;
  rolesClaim: string;
  unitClaim: string;
  clockToleranceSeconds: number;
}

/** EVENTSTORE_CONNECTION_STRING selects EventStoreDB; without it, the SQLite file in DATA_DIR. */
export type EventStoreConfig = { kind: 'sqlite'; filename: string } | { kind: 'eventstoredb'; connectionString: string };

/** MONGODB_URI selects MongoDB (database MONGODB_DATABASE); without it, the SQLite file `read-models.db` in DATA_DIR. */
export type ReadStoreConfig = { kind: 'sqlite'; filename: string } | { kind: 'mongodb'; uri: string; database: string };

export const DEFAULT_MONGODB_DATABASE = 'resolution_ledger';

export class ConfigError extends Error {}

/** The repository root, found from this file whether it runs compiled (dist/src/…) or from source (src/…). */
export const REPO_ROOT = findUp(__dirname, 'package.json');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: integer(env.PORT, 3000, 'PORT', 0, 65535),
    dataDir,
    ...storeConfig(env, dataDir),
    principalsFile: path.resolve(env.PRINCIPALS_FILE ?? path.join(REPO_ROOT, 'seeds', 'demo-principals.json')),
    ...principalsJson(env),
    demoPrincipalsFile: path.join(REPO_ROOT, 'seeds', 'demo-principals.json'),
    productionMode: env.NODE_ENV === 'production' || !!env.EVENTSTORE_CONNECTION_STRING || !!env.MONGODB_URI,
    jwt: jwtConfig(env),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    rateLimit: {
      limit: integer(env.RATE_LIMIT, 1200, 'RATE_LIMIT', 0, 1_000_000),
      windowMs: integer(env.RATE_LIMIT_WINDOW_MS, 60_000, 'RATE_LIMIT_WINDOW_MS', 1, 86_400_000),
    },
    logLevel: oneOf(env.LOG_LEVEL, 'info', 'LOG_LEVEL', LOG_LEVELS),
    shutdownTimeoutMs: integer(env.SHUTDOWN_TIMEOUT_MS, 10_000, 'SHUTDOWN_TIMEOUT_MS', 0, 600_000),
    eventStoreStartupTimeoutMs: integer(env.EVENTSTORE_STARTUP_TIMEOUT_MS, 60_000, 'EVENTSTORE_STARTUP_TIMEOUT_MS', 0, 600_000),
    seedOnStart: flag(env.SEED_ON_START, true, 'SEED_ON_START'),
    seedFile: path.resolve(env.SEED_FILE ?? path.join(REPO_ROOT, 'seeds', 'resolution-2021.json')),
    readYourWritesTimeoutMs: integer(env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 'READ_YOUR_WRITES_TIMEOUT_MS', 0, 60000),
    projectionLeaseTtlMs: integer(env.PROJECTION_LEASE_TTL_MS, 15_000, 'PROJECTION_LEASE_TTL_MS', 1000, 600_000),
    bodyLimit: bodyLimit(env.BODY_LIMIT),
  };
}

/** Which stores back the ports; also used by the server test suites, so they read the same variables the same way. */
export function storeConfig(env: NodeJS.ProcessEnv, dataDir = path.resolve(env.DATA_DIR ?? './data')): Pick<AppConfig, 'eventStore' | 'readStore'> {
  const connectionString = env.EVENTSTORE_CONNECTION_STRING?.trim();
  if (connectionString && !/^esdb(\+discover)?:\/\/\S+$/.test(connectionString)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string, e.g. esdb://localhost:2113?tls=false');
  }
  const uri = env.MONGODB_URI?.trim();
  if (uri && !/^mongodb(\+srv)?:\/\/\S+$/.test(uri)) {
    throw new ConfigError('MONGODB_URI must be a mongodb:// or mongodb+srv:// connection string, e.g. mongodb://localhost:27017/?replicaSet=rs0');
  }
  const database = env.MONGODB_DATABASE?.trim() || DEFAULT_MONGODB_DATABASE;
  // MongoDB's own rules for database names: at most 63 characters, none of / \ . " $ or a space.
  if (!/^[^/\\. "$]{1,63}$/.test(database)) throw new ConfigError(`MONGODB_DATABASE is not a valid MongoDB database name: "${database}"`);
  return {
    eventStore: connectionString ? { kind: 'eventstoredb', connectionString } : { kind: 'sqlite', filename: path.join(dataDir, 'events.db') },
    readStore: uri ? { kind: 'mongodb', uri, database } : { kind: 'sqlite', filename: path.join(dataDir, 'read-models.db') },
  };
}

function principalsJson(env: NodeJS.ProcessEnv): { principalsJson?: string } {
  if (!env.PRINCIPALS_JSON) return {};
  if (env.PRINCIPALS_FILE) throw new ConfigError('Set PRINCIPALS_FILE or PRINCIPALS_JSON, not both');
  return { principalsJson: env.PRINCIPALS_JSON };
}

function jwtConfig(env: NodeJS.ProcessEnv): JwtConfig | null {
  const sources = { publicKeyFile: env.JWT_PUBLIC_KEY_FILE, jwksFile: env.JWT_JWKS_FILE, jwksUrl: env.JWT_JWKS_URL };
  const given = Object.entries(sources).filter(([, value]) => !!value);
  if (given.length === 0) return null;
  if (given.length > 1) throw new ConfigError('Set one of JWT_PUBLIC_KEY_FILE, JWT_JWKS_FILE, JWT_JWKS_URL');
  if (!env.JWT_ISSUER || !env.JWT_AUDIENCE) throw new ConfigError('JWT_ISSUER and JWT_AUDIENCE are required when JWTs are enabled');
  const algorithms = (env.JWT_ALGORITHMS ?? 'RS256,ES256').split(',').map((a) => a.trim()).filter(Boolean);
  const unknown = algorithms.filter((a) => !(JWT_ALGORITHMS as readonly string[]).includes(a));
  if (algorithms.length === 0 || unknown.length > 0) {
    throw new ConfigError(`JWT_ALGORITHMS must list some of ${JWT_ALGORITHMS.join(', ')}; refused: ${unknown.join(', ') || '(none given)'}`);
  }
  const [[source, value]] = given;
  return {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    algorithms,
    [source]: source === 'jwksUrl' ? value : path.resolve(value as string),
    rolesClaim: env.JWT_ROLES_CLAIM ?? 'roles',
    unitClaim: env.JWT_UNIT_CLAIM ?? 'unit_id',
    clockToleranceSeconds: integer(env.JWT_CLOCK_TOLERANCE_S, 30, 'JWT_CLOCK_TOLERANCE_S', 0, 600),
  };
}

function oneOf<T extends string>(raw: string | undefined, fallback: T, name: string, allowed: readonly T[]): T {
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** `true` or `false`, nothing else: `SEED_ON_START=no` used to seed, as anything but "false" did. */
function flag(raw: string | undefined, fallback: boolean, name: string): boolean {
  return oneOf(raw, fallback ? 'true' : 'false', name, ['true', 'false'] as const) === 'true';
}

function integer(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** BODY_LIMIT, checked here so that a limit the server cannot use stops the start, not a request. */
function bodyLimit(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '100kb';
  const bytes = bodyLimitBytes(raw);
  if (bytes < 1 || bytes > MAX_BODY_LIMIT_BYTES) throw new ConfigError(`BODY_LIMIT must be between 1b and 1gb, got "${raw}"`);
  return raw.trim();
}

const MAX_BODY_LIMIT_BYTES = 1024 ** 3;
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i;
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `BODY_LIMIT` in bytes, its units counted in 1024s as Node.js body parsers count them ("100kb" is 102,400 bytes). */
export function bodyLimitBytes(limit: string): number {
  const match = SIZE.exec(limit);
  if (!match) throw new ConfigError(`BODY_LIMIT must be a size such as 100kb or 1mb, not "${limit}"`);
  return Math.floor(Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]);
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
