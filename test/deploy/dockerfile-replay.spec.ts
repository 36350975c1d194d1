/**
 * The Dockerfile replay that the image test relies on: it reads the steps as Docker does, skips
 * only the operating-system steps it names, and refuses whatever else it cannot stand for, so a
 * changed Dockerfile fails the image test instead of being half-replayed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDockerfile, replay } from './dockerfile-replay';

const ROOT = path.resolve(__dirname, '../..');

describe('the Dockerfile replay', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-replay-'));
    fs.mkdirSync(path.join(dir, 'context/src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'context/src/a.txt'), 'a');
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (dockerfile: string) => replay(parseDockerfile(dockerfile), { repository: path.join(dir, 'context'), into: path.join(dir, 'image'), env: process.env, log: () => undefined });

  it('reads the repository’s Dockerfile as two stages, with its npm steps as whole commands', () => {
    const stages = parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx tsc -p tsconfig.build.json && npm run build:web && npm prune --omit=dev');
  });

  it('copies from the context and from earlier stages, applies WORKDIR and ENV, runs RUN steps there', () => {
    const result = run(
      [
        'FROM node:24-bookworm-slim AS build',
        'WORKDIR /app',
        'COPY src ./src',
        'ENV npm_config_init_version="3.2.1"',
        'RUN npm init -y',
        'FROM node:24-bookworm-slim AS runtime',
        'WORKDIR /srv',
        'COPY --from=build /app/package.json /app/src/a.txt ./',
        'ENV NODE_ENV=production PORT=3000',
        'CMD ["node", "main.js"]',
      ].join('\n'),
    );
    expect(JSON.parse(fs.readFileSync(path.join(result.final.workdir, 'package.json'), 'utf8'))).toMatchObject({ name: 'app', version: '3.2.1' });
    expect(fs.readFileSync(path.join(result.final.workdir, 'a.txt'), 'utf8')).toBe('a');
    expect(result.steps).toEqual([{ stage: 'build', command: 'npm init -y' }]);
    expect(result.final).toMatchObject({ env: { NODE_ENV: 'production', PORT: '3000' }, cmd: ['node', 'main.js'] });
  });

  it('skips the Debian set-up steps by name and nothing else', () => {
    const result = run(
      ['FROM node:24-bookworm-slim AS runtime', 'RUN apt-get update \\', ' && apt-get install -y --no-install-recommends tini \\', ' && rm -rf /var/lib/apt/lists/*'].join('\n'),
    );
    expect(result.steps).toEqual([{ stage: 'runtime', command: 'apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*', skipped: 'Debian packages of the image' }]);
    expect(() => run('FROM node:24-bookworm-slim\nRUN apt-get install -y curl')).toThrow(/runs npm and npx steps only, not RUN apt-get install -y curl/);
  });

  it.each([
    ['ARG NODE_VERSION=24', /does not know how to stand for ARG/],
    ['ADD https://example.invalid/x.tgz /x', /does not know how to stand for ADD/],
    ['COPY --chown=node:node src ./src', /COPY option not replayed/],
    ['RUN rm -rf /tmp/anything', /runs npm and npx steps only/],
    ['RUN npm ci; curl example.invalid', /runs npm and npx steps only/],
    ['RUN npm run no-such-script', /RUN npm run no-such-script failed in stage stage-0/],
  ])('refuses %s', (line, message) => {
    expect(() => run(`FROM node:24-bookworm-slim\n${line}`)).toThrow(message);
  });
});
