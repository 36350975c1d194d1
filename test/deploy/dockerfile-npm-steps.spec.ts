/**
 * The production image builds and runs, checked without a Docker engine: the Dockerfile's own
 * steps (read from it by dockerfile-replay.ts: npm ci, the TypeScript build, npm prune --omit=dev)
 * run in a clean copy of the repository, then the pruned app starts as the image's CMD starts it
 * and must answer GET /health with 200.
 *
 * The steps run on the Node.js running this test, under npm 10 (whose `npm ci` resolves peer
 * dependencies most strictly of the supported lines' npms) and under the npm the official image of
 * this Node.js line ships: on Node.js 24, npm 11 and Node 24 are exactly the production image's
 * toolchain (CI runs the suite on Node.js 24 too). Each npm comes from the npm registry; when one
 * cannot be fetched the suite fails and says so. It takes a few minutes: better-sqlite3 is compiled
 * where no prebuilt binary can be downloaded. The image's ENTRYPOINT (tini) only forwards signals
 * and is not needed to start the app here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import createDockerignore from '@balena/dockerignore';
import { parseDockerfile, replay, type Replay } from './dockerfile-replay';

const ROOT = path.resolve(__dirname, '../..');
const STAGES = parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));

/** The npm each Node.js line's official image ships (Node's changelogs: 20.x and 22.x bundle npm 10, 24.x npm 11). */
const NPM_OF_NODE_LINE: Readonly<Record<string, string>> = { '20': '10', '22': '10', '24': '11' };

function imageNodeLine(): string {
  const lines = new Set(STAGES.map((stage) => /^node:(\d+)(?:[.-]|$)/.exec(stage.image)?.[1] ?? `not node: ${stage.image}`));
  if (lines.size !== 1) throw new Error(`The Dockerfile's stages should share one Node.js line, found ${[...lines].join(', ')}`);
  return [...lines][0];
}

const RUNNING_NODE_LINE = process.versions.node.split('.')[0];
const NPM_MAJORS = [...new Set(['10', NPM_OF_NODE_LINE[RUNNING_NODE_LINE] ?? `(unknown for Node.js ${RUNNING_NODE_LINE}: name it in NPM_OF_NODE_LINE)`])];

const MINUTES = 60_000;

describe('the Dockerfile', () => {
  it('builds and runs on Node.js 24 LTS (Debian bookworm) in both stages, a line whose npm is known here', () => {
    expect(STAGES.map((stage) => stage.image)).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(NPM_OF_NODE_LINE[imageNodeLine()]).toBe('11');
  });
});

describe.each(NPM_MAJORS)(`the Dockerfile’s npm steps under npm %s on Node.js ${process.versions.node}, in a clean copy of the repository`, (npmMajor) => {
  let work: string;
  let log: string;
  let built: Replay | undefined;
  let failure: unknown;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), `ledger-image-npm${npmMajor}-`));
    log = path.join(work, 'replay.log');
    try {
      const npm = installNpm(npmMajor, path.join(work, 'npm'));
      built = replay(STAGES, {
        repository: cleanCopy(path.join(work, 'context')),
        into: path.join(work, 'image'),
        env: stepEnvironment(npm.bin),
        log: (text) => fs.appendFileSync(log, text),
      });
    } catch (error) {
      failure = error;
    }
  }, 20 * MINUTES);

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('runs npm ci, the build and npm prune --omit=dev without an error', () => {
    if (failure) throw failure;
    const ran = built!.steps.filter((step) => !step.skipped).map((step) => step.command);
    expect(ran).toEqual(['npm ci', 'npx tsc -p tsconfig.build.json && npm run build:web && npm prune --omit=dev']);
  });

  it('leaves the runtime stage production dependencies only, with the native addon built', () => {
    if (failure) throw failure;
    const modules = path.join(built!.final.workdir, 'node_modules');
    expect(fs.existsSync(path.join(modules, '@nestjs/core'))).toBe(true);
    expect(fs.existsSync(path.join(modules, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(built!.final.workdir, 'dist/web/index.html'))).toBe(true);
    for (const devOnly of ['jest', 'typescript', 'ts-jest', '@nestjs/testing', 'vite', 'react', 'echarts']) expect({ devOnly, present: fs.existsSync(path.join(modules, devOnly)) }).toEqual({ devOnly, present: false });
  });

  it('starts the pruned app as the image does: it answers GET /health with 200 and serves the console', async () => {
    if (failure) throw failure;
    const { final } = built!;
    expect(final.entrypoint).toEqual(['/usr/bin/tini', '--']);
    expect(final.cmd[0]).toBe('node');
    const port = await freePort();
    const dataDir = path.join(work, 'data');
    const app = spawn(process.execPath, final.cmd.slice(1), {
      cwd: final.workdir,
      env: { ...stepEnvironment(''), ...final.env, PORT: String(port), DATA_DIR: dataDir, PRINCIPALS_FILE: path.join(ROOT, 'deploy/principals.local.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    app.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    app.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    try {
      const status = await healthStatus(port, app, 3 * MINUTES);
      expect({ status, output: status === 200 ? '' : output.join('').slice(-4000) }).toEqual({ status: 200, output: '' });
      const root = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      expect([root.status, root.headers.get('location')]).toEqual([302, '/console/']);
      const page = await fetch(`http://127.0.0.1:${port}/console/`);
      expect(page.status).toBe(200);
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${port}${script}`)).status).toBe(200);
    } finally {
      await stop(app);
    }
  }, 5 * MINUTES);
});

/** npm `major` from the registry, installed into `dir`; a clear failure when the registry does not give it. */
function installNpm(major: string, dir: string): { bin: string } {
  fs.mkdirSync(dir, { recursive: true });
  const install = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', `npm@${major}`], { encoding: 'utf8', env: stepEnvironment('') });
  const cli = path.join(dir, 'node_modules/npm/bin');
  if (install.status !== 0 || !fs.existsSync(path.join(cli, 'npm-cli.js'))) {
    throw new Error(`Could not fetch npm@${major} from the npm registry, so the Dockerfile's npm steps could not be checked with it:\n${install.stderr || install.error?.message}`);
  }
  const bin = path.join(dir, 'shim');
  fs.mkdirSync(bin);
  for (const [name, script] of [['npm', 'npm-cli.js'], ['npx', 'npx-cli.js']]) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nexec "${process.execPath}" "${path.join(cli, script)}" "$@"\n`, { mode: 0o755 });
  }
  const version = spawnSync(path.join(bin, 'npm'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!version.startsWith(`${major}.`)) throw new Error(`npm@${major} installed as ${version}`);
  return { bin };
}

/**
 * The repository as `docker build .` sends it: git's files (tracked and new, so uncommitted work is
 * included; not node_modules, dist or anything else .gitignore names), less what .dockerignore
 * leaves out, matched as Docker matches it.
 */
function cleanCopy(into: string): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const dockerignore = createDockerignore().add(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));
  for (const file of dockerignore.filter(listed.stdout.split('\0').filter(Boolean))) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the work tree, not yet in the index
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(from, path.join(into, file));
  }
  return into;
}

/**
 * What a RUN step inherits: this process's environment without what Jest and an enclosing
 * `npm test` add (NODE_ENV=test, npm_* settings), the npm under test first on PATH, then this Node.js.
 * npm_config_nodedir stays: it names the headers native addons are built against for this Node.js.
 */
function stepEnvironment(npmBin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key === 'INIT_CWD' || key.startsWith('JEST_') || (/^npm_/i.test(key) && !/^npm_config_(nodedir|cache|cafile|registry)$/i.test(key))) continue;
    env[key] = value;
  }
  env.PATH = [npmBin, path.dirname(process.execPath), process.env.PATH ?? ''].filter(Boolean).join(path.delimiter);
  return env;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** GET /health's status once the app answers (it seeds the resolution first), or 0 if it exits or never answers. */
async function healthStatus(port: number, app: ChildProcess, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline && app.exitCode === null && app.signalCode === null) {
    try {
      return (await fetch(`http://127.0.0.1:${port}/health`)).status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return 0;
}

async function stop(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  const timer = setTimeout(() => app.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
