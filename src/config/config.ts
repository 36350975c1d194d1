/**
 * The one place the environment is read. Everything else receives a typed `AppConfig`.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { jwtIssuersConfig, JwtIssuerConfigError, type JwtIssuerConfig } from './jwt-issuers';

export { JWT_ALGORITHMS, type JwtIssuerConfig } from './jwt-issuers';

export interface AppConfig {
  port: number;
  /**
   * The address to listen on (HOST): by default 127.0.0.1 outside production mode, so that a
   * developer's `npm start` with the published demo keys is not reachable from the network, and
   * every interface in production mode (a container's published port must reach it).
   */
  host: string | 'every-interface';
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (TRUST_PROXY, Fastify's
   * `trustProxy`): the address that failed logins and unauthenticated requests are counted by.
   */
  trustProxy: boolean | number | string[];
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
  /** The identity providers whose bearer JWTs are accepted, each with what it may grant; none = JWTs off. API keys work either way. */
  jwtIssuers: JwtIssuerConfig[];
  /** Origins allowed to call the API from a browser; empty = CORS off (no CORS headers at all). */
  corsOrigins: string[];
  /** Requests per principal (per client address when unauthenticated) per window; 0 turns the limit off. */
  rateLimit: { limit: number; windowMs: number };
  /** Failed authentications per client address per window before that address is refused with 429 until the window ends. */
  authFailureLimit: { limit: number; windowMs: number };
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
  /** The slowest a request body may arrive, averaged after a grace period (request-limits.ts); 0 bytes per second turns it off. */
  bodyMinRate: { bytesPerSecond: number; graceMs: number };
}

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const LOG_LEVELS: readonly LogLevelName[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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
  const productionMode = env.NODE_ENV === 'production' || !!env.EVENTSTORE_CONNECTION_STRING || !!env.MONGODB_URI;
  return {
    port: integer(env.PORT, 3000, 'PORT', 0, 65535),
    host: listenHost(env, productionMode),
    trustProxy: trustProxy(env.TRUST_PROXY),
    dataDir,
    ...storeConfig(env, dataDir),
    principalsFile: path.resolve(env.PRINCIPALS_FILE ?? path.join(REPO_ROOT, 'seeds', 'demo-principals.json')),
    ...principalsJson(env),
    demoPrincipalsFile: path.join(REPO_ROOT, 'seeds', 'demo-principals.json'),
    productionMode,
    jwtIssuers: jwtIssuers(env),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    rateLimit: {
      limit: integer(env.RATE_LIMIT, 1200, 'RATE_LIMIT', 0, 1_000_000),
      windowMs: integer(env.RATE_LIMIT_WINDOW_MS, 60_000, 'RATE_LIMIT_WINDOW_MS', 1, 86_400_000),
    },
    authFailureLimit: {
      limit: integer(env.AUTH_FAILURE_LIMIT, 20, 'AUTH_FAILURE_LIMIT', 1, 1_000_000),
      windowMs: integer(env.AUTH_FAILURE_WINDOW_MS, 60_000, 'AUTH_FAILURE_WINDOW_MS', 1000, 86_400_000),
    },
    logLevel: oneOf(env.LOG_LEVEL, 'info', 'LOG_LEVEL', LOG_LEVELS),
    shutdownTimeoutMs: integer(env.SHUTDOWN_TIMEOUT_MS, 10_000, 'SHUTDOWN_TIMEOUT_MS', 0, 600_000),
    eventStoreStartupTimeoutMs: integer(env.EVENTSTORE_STARTUP_TIMEOUT_MS, 60_000, 'EVENTSTORE_STARTUP_TIMEOUT_MS', 0, 600_000),
    seedOnStart: flag(env.SEED_ON_START, true, 'SEED_ON_START'),
    seedFile: path.resolve(env.SEED_FILE ?? path.join(REPO_ROOT, 'seeds', 'resolution-2021.json')),
    readYourWritesTimeoutMs: integer(env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 'READ_YOUR_WRITES_TIMEOUT_MS', 0, 60000),
    projectionLeaseTtlMs: integer(env.PROJECTION_LEASE_TTL_MS, 15_000, 'PROJECTION_LEASE_TTL_MS', 1000, 600_000),
    bodyLimit: bodyLimit(env.BODY_LIMIT),
    bodyMinRate: {
      bytesPerSecond: integer(env.BODY_MIN_RATE, 240, 'BODY_MIN_RATE', 0, 1_000_000_000),
      graceMs: integer(env.BODY_RATE_GRACE_MS, 5000, 'BODY_RATE_GRACE_MS', 0, 600_000),
    },
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

function jwtIssuers(env: NodeJS.ProcessEnv): JwtIssuerConfig[] {
  try {
    return jwtIssuersConfig(env);
  } catch (error) {
    throw error instanceof JwtIssuerConfigError ? new ConfigError(error.message) : error;
  }
}

/** HOST: an IP address or a host name; unset, loopback outside production mode and every interface in it. */
function listenHost(env: NodeJS.ProcessEnv, productionMode: boolean): AppConfig['host'] {
  const host = env.HOST?.trim();
  if (!host) return productionMode ? 'every-interface' : '127.0.0.1';
  if (net.isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(host)) {
    throw new ConfigError(`HOST must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name, got "${host}"`);
  }
  return host;
}

/** TRUST_PROXY: unset or false (the connection's address), true (any proxy), a hop count, or proxy addresses/CIDRs, comma-separated. */
function trustProxy(raw: string | undefined): AppConfig['trustProxy'] {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return integer(value, 0, 'TRUST_PROXY', 1, 100);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.filter((entry) => net.isIP(entry.split('/')[0]) === 0);
  if (invalid.length > 0) throw new ConfigError(`TRUST_PROXY must be true, false, a hop count or proxy addresses (CIDRs allowed); refused: ${invalid.join(', ')}`);
  return entries;
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
