/**
 * docker-compose.yml keeps what docs/production.md promises of the stack:
 * - it parses, in its default shape and with the `cluster` profile, for the compose tool installed
 *   here (CI installs Debian's docker-compose 1.29; without one, that part prints a single line and
 *   is reported as skipped; the rest reads the file itself and always runs);
 * - the stores run on supported lines (KurrentDB 26.0 LTS, MongoDB 8.0), each with a named volume
 *   at the image's own data directory, so no data lands in an anonymous volume;
 * - a KurrentDB node is healthy only as the leader or a follower of one (its health check is run
 *   here against a stand-in /info answering each node state), and the app starts only then;
 * - the app gets longer to stop than its shutdown deadline, and runs under an init process.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config';
import { parseDockerfile } from './dockerfile-replay';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/validate-compose.sh');
const validate = (file?: string) => spawnSync('bash', [SCRIPT, ...(file ? [file] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  init?: boolean;
  entrypoint?: unknown;
}

const COMPOSE = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const APPS = Object.entries(COMPOSE.services).filter(([, service]) => service.build !== undefined);

/** The services named by the hosts of the apps' connection strings: the nodes they use. */
function servicesConnectedBy(variable: 'EVENTSTORE_CONNECTION_STRING' | 'MONGODB_URI'): Array<[string, Service]> {
  const hosts = APPS.flatMap(([, app]) => {
    const uri = app.environment?.[variable] ?? '';
    return (/^[a-z+]+:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1] ?? '').split(',').map((host) => host.split(':')[0]);
  });
  return [...new Set(hosts)].map((host) => [host, COMPOSE.services[host] ?? {}]);
}

const KURRENTDB = servicesConnectedBy('EVENTSTORE_CONNECTION_STRING');
const MONGO = servicesConnectedBy('MONGODB_URI');

/** The lines supported today: KurrentDB 26.0 is the LTS line of 2026 (two years of support), MongoDB 8.0 is supported until 2029-10-31. */
const SUPPORTED_KURRENTDB = /^docker\.kurrent\.io\/kurrent-lts\/kurrentdb:26\.0(\.\d+)?$/;
const SUPPORTED_MONGO = /^mongo:8\.0(\.\d+)?$/;
/** Where each image keeps its data (KurrentDB's Dockerfile declares VOLUME /var/lib/kurrentdb; the mongo image /data/db). */
const KURRENTDB_DATA = '/var/lib/kurrentdb';
const MONGO_DATA = '/data/db';

/**
 * After the drain deadline, shutdown still stores the projections' checkpoint, releases the
 * projection lease and closes the stores; a few writes, given room for a MongoDB election.
 */
const HAND_OVER_ALLOWANCE_MS = 15_000;

/** The named volume mounted at `target`, or undefined. */
function volumeAt(service: Service, target: string): string | undefined {
  for (const mount of service.volumes ?? []) {
    const [source, at] = mount.split(':');
    if (at === target) return source;
  }
  return undefined;
}

function milliseconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== duration) throw new Error(`Not a compose duration: ${duration}`);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return parts.reduce((total, [, value, suffix]) => total + Number(value) * unit[suffix], 0);
}

describe('docker-compose.yml: the stores', () => {
  it('are the services the apps connect to: one node of each by default, three of each in the cluster profile', () => {
    expect(APPS.map(([name]) => name)).toEqual(['app', 'app-cluster']);
    expect(KURRENTDB.map(([name]) => name)).toEqual(['eventstore', 'es1', 'es2', 'es3']);
    expect(MONGO.map(([name]) => name)).toEqual(['mongo', 'mongo1', 'mongo2', 'mongo3']);
  });

  it('runs them on supported lines: KurrentDB 26.0 LTS and MongoDB 8.0', () => {
    for (const [name, service] of KURRENTDB) expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(SUPPORTED_KURRENTDB) });
    for (const [name, service] of MONGO) expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(SUPPORTED_MONGO) });
  });

  it('mounts a declared named volume at each image’s data directory, and nothing at EventStoreDB’s old one', () => {
    for (const [name, service] of KURRENTDB) {
      const data = volumeAt(service, KURRENTDB_DATA);
      expect({ name, data, declared: data !== undefined && data in COMPOSE.volumes }).toEqual({ name, data: expect.any(String), declared: true });
      expect({ name, old: volumeAt(service, '/var/lib/eventstore') ?? volumeAt(service, '/var/log/eventstore') }).toEqual({ name, old: undefined });
    }
    for (const [name, service] of MONGO) {
      const data = volumeAt(service, MONGO_DATA);
      expect({ name, data, declared: data !== undefined && data in COMPOSE.volumes }).toEqual({ name, data: expect.any(String), declared: true });
    }
  });

  it('keeps the single node’s volume names from EventStoreDB 24.10, so upgrading the image keeps the events', () => {
    const [, node] = KURRENTDB[0];
    expect(volumeAt(node, KURRENTDB_DATA)).toBe('eventstore-data');
    expect(volumeAt(node, '/var/log/kurrentdb')).toBe('eventstore-logs');
  });

  it('configures KurrentDB with KURRENTDB_ variables only (EVENTSTORE_ is the old prefix)', () => {
    for (const [name, service] of KURRENTDB) {
      const keys = Object.keys(service.environment ?? {});
      expect({ name, others: keys.filter((key) => !key.startsWith('KURRENTDB_')) }).toEqual({ name, others: [] });
      expect(keys).toContain('KURRENTDB_CLUSTER_SIZE');
    }
  });
});

describe('docker-compose.yml: a KurrentDB node’s health check', () => {
  let stand: Server;
  let state = 'leader';

  beforeAll(async () => {
    stand = createServer((req, res) => {
      if (req.url !== '/info') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ dbVersion: '26.0.3', esVersion: '26.0.3', state, features: {} }, null, 2));
    });
    await new Promise<void>((listening) => stand.listen(0, '127.0.0.1', listening));
  });

  afterAll(async () => {
    await new Promise((closed) => stand.close(closed));
  });

  /** The node's health check, pointed at the stand-in (served by this process, so run without blocking it): its exit status. */
  function check(test: string[]): Promise<number> {
    const port = (stand.address() as { port: number }).port;
    if (test[0] !== 'CMD-SHELL') return Promise.resolve(-1);
    const command = test[1].replace('http://localhost:2113', `http://127.0.0.1:${port}`);
    return new Promise((done) => execFile('sh', ['-c', command], { timeout: 10_000 }, (error) => done(error ? Number(error.code ?? -1) : 0)));
  }

  it.each([
    ['leader', 0],
    ['follower', 0],
    ['preleader', 1],
    ['elections', 1],
    ['discoverleader', 1],
    ['catchingup', 1],
    ['unknown', 1],
    ['readonlyleaderless', 1],
    ['shuttingdown', 1],
  ])('passes for a node in state %s only when a leader is elected (exit %i)', async (nodeState, status) => {
    state = nodeState;
    for (const [name, service] of KURRENTDB) expect({ name, status: await check(service.healthcheck?.test ?? []) }).toEqual({ name, status });
  });

  it('is the same check on every node, asking /info rather than /health/live', () => {
    const tests = new Set(KURRENTDB.map(([, service]) => JSON.stringify(service.healthcheck?.test)));
    expect(tests.size).toBe(1);
    expect([...tests][0]).toContain('/info');
    expect([...tests][0]).not.toContain('/health/live');
  });
});

describe('docker-compose.yml: the app', () => {
  it('starts only once every KurrentDB node it connects to is healthy, and MongoDB too', () => {
    const { app, 'app-cluster': cluster } = COMPOSE.services;
    expect(app.depends_on).toEqual({ eventstore: { condition: 'service_healthy' }, mongo: { condition: 'service_healthy' } });
    expect(cluster.depends_on).toEqual({
      es1: { condition: 'service_healthy' },
      es2: { condition: 'service_healthy' },
      es3: { condition: 'service_healthy' },
      mongo1: { condition: 'service_healthy' },
    });
  });

  it('gets longer to stop than its shutdown deadline, with room to hand over the projection lease', () => {
    for (const [name, service] of APPS) {
      const shutdownTimeoutMs = loadConfig({ SHUTDOWN_TIMEOUT_MS: service.environment?.SHUTDOWN_TIMEOUT_MS }).shutdownTimeoutMs;
      const grace = milliseconds(service.stop_grace_period ?? '10s');
      expect({ name, grace, atLeast: grace >= shutdownTimeoutMs + HAND_OVER_ALLOWANCE_MS }).toEqual({ name, grace, atLeast: true });
    }
  });

  it('runs node under tini, the image’s ENTRYPOINT, which neither `init: true` nor an entrypoint override displaces', () => {
    for (const [name, service] of APPS) {
      expect({ name, init: service.init, entrypoint: service.entrypoint, dockerfile: service.build?.dockerfile }).toEqual({ name, init: undefined, entrypoint: undefined, dockerfile: 'Dockerfile' });
    }
    const runtime = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).at(-1)!;
    const entrypoint = runtime.instructions.find((instruction) => instruction.keyword === 'ENTRYPOINT');
    expect(entrypoint && JSON.parse(entrypoint.args)).toEqual(['/usr/bin/tini', '--']);
    expect(runtime.instructions.some((instruction) => instruction.keyword === 'RUN' && / install .*\btini\b/.test(instruction.args))).toBe(true);
  });

  it('says how long it waits for a KurrentDB leader at start (after a restart the cluster may be electing): a bounded, non-zero wait', () => {
    for (const [name, service] of APPS) {
      const setting = service.environment?.EVENTSTORE_STARTUP_TIMEOUT_MS;
      const timeout = loadConfig({ EVENTSTORE_STARTUP_TIMEOUT_MS: setting }).eventStoreStartupTimeoutMs;
      expect({ name, set: setting !== undefined, waits: timeout > 0 }).toEqual({ name, set: true, waits: true });
    }
  });
});

const probe = validate();
const installed = probe.status !== 2;

if (!installed) process.stdout.write('skipped: docker-compose not installed (apt-get install docker-compose) to validate docker-compose.yml\n');
// Declared either way, so that without docker-compose each of its tests is counted as skipped.
(installed ? describe : describe.skip)('docker-compose.yml for docker-compose', () => {
  it('is valid by default and with --profile cluster', () => {
    expect({ status: probe.status, stderr: probe.stderr }).toEqual({ status: 0, stderr: '' });
    expect(probe.stdout).toContain('valid');
  });

  it('is refused when broken, so the check can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-compose-'));
    try {
      const broken = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace('condition: service_healthy', 'condition: when_it_feels_like_it');
      writeFileSync(join(dir, 'docker-compose.yml'), broken);
      copyFileSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
      expect(validate(join(dir, 'docker-compose.yml')).status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
