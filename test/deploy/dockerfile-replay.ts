/**
 * Replays the Dockerfile's build without a Docker engine: each stage gets a folder standing for its
 * file system, COPY copies from the repository (or from an earlier stage), ENV and WORKDIR apply,
 * and RUN steps made of npm and npx commands run with `sh -c` under a chosen npm. Steps that set
 * up the operating system (apt-get, the /data folder of the `node` user) are what the base image's
 * Debian does and are skipped by name. Any other instruction or RUN step is refused, never run on
 * this machine, so the Dockerfile cannot change under the test unnoticed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** RUN steps the replay skips: they prepare Debian, not the application. */
const SYSTEM_STEPS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /^apt-get update && apt-get install -y --no-install-recommends [a-z0-9+ .-]+ && rm -rf \/var\/lib\/apt\/lists\/\*$/, why: 'Debian packages of the image' },
  { pattern: /^mkdir -p \/data && chown node:node \/data$/, why: 'the data folder of the image’s node user' },
];

/** RUN steps the replay runs: npm and npx commands joined by &&, nothing a shell would do more with. */
const NPM_STEP = /^np[mx] [^;|&`$<>()]+(?: && np[mx] [^;|&`$<>()]+)*$/;

/** Instructions that describe the image rather than build it: recorded, nothing to replay. */
const DESCRIPTIVE = new Set(['USER', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD']);

export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`Dockerfile line not understood: ${line}`);
    if (keyword.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ name: name ?? `stage-${stages.length}`, image, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`Dockerfile instruction before FROM: ${line}`);
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

export interface ReplayedStep {
  stage: string;
  command: string;
  skipped?: string;
}

export interface Replay {
  /** Each stage's folder standing for its file system root. */
  roots: Map<string, string>;
  steps: ReplayedStep[];
  /** The last stage: its working directory, environment and command, to start the image. */
  final: { workdir: string; env: Record<string, string>; cmd: string[]; entrypoint: string[] };
}

export interface ReplayOptions {
  repository: string;
  into: string;
  /** Environment the RUN steps inherit (PATH with the npm under test first). */
  env: NodeJS.ProcessEnv;
  /** Each RUN's output is written here. */
  log: (text: string) => void;
}

export function replay(stages: readonly Stage[], options: ReplayOptions): Replay {
  const roots = new Map<string, string>();
  const steps: ReplayedStep[] = [];
  let final: Replay['final'] | undefined;
  for (const stage of stages) {
    const root = path.join(options.into, stage.name);
    fs.mkdirSync(root, { recursive: true });
    roots.set(stage.name, root);
    const env: Record<string, string> = {};
    let workdir = '/';
    let cmd: string[] = [];
    let entrypoint: string[] = [];
    const inside = (containerPath: string) => path.join(root, path.posix.resolve(workdir, containerPath));
    for (const { keyword, args } of stage.instructions) {
      switch (keyword) {
        case 'WORKDIR':
          workdir = path.posix.resolve(workdir, args);
          fs.mkdirSync(inside('.'), { recursive: true });
          break;
        case 'ENV':
          Object.assign(env, parseEnv(args));
          break;
        case 'COPY':
          copy(args, { repository: options.repository, roots, inside });
          break;
        case 'RUN': {
          const system = SYSTEM_STEPS.find((step) => step.pattern.test(args));
          if (system) {
            steps.push({ stage: stage.name, command: args, skipped: system.why });
            break;
          }
          if (!NPM_STEP.test(args)) throw new Error(`The Dockerfile replay runs npm and npx steps only, not RUN ${args}: teach test/deploy/dockerfile-replay.ts`);
          options.log(`\n$ ${args}   (${stage.name}:${workdir})\n`);
          const run = spawnSync('sh', ['-c', args], { cwd: inside('.'), env: { ...options.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
          options.log(`${run.stdout ?? ''}${run.stderr ?? ''}`);
          if (run.status !== 0) {
            const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
            throw new Error(`RUN ${args} failed in stage ${stage.name} (exit ${run.status ?? run.signal}):\n${tail}`);
          }
          steps.push({ stage: stage.name, command: args });
          break;
        }
        case 'CMD':
          cmd = execForm(args, keyword);
          break;
        case 'ENTRYPOINT':
          entrypoint = execForm(args, keyword);
          break;
        default:
          if (!DESCRIPTIVE.has(keyword)) throw new Error(`The Dockerfile replay does not know how to stand for ${keyword} ${args}: teach test/deploy/dockerfile-replay.ts`);
      }
    }
    final = { workdir: inside('.'), env, cmd, entrypoint };
  }
  if (!final) throw new Error('The Dockerfile has no stage');
  return { roots, steps, final };
}

/** `COPY [--from=stage] src... dest`, with dest relative to WORKDIR. */
function copy(args: string, at: { repository: string; roots: Map<string, string>; inside: (p: string) => string }): void {
  const words = args.split(' ');
  const from = words[0].startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
  if (words.some((word) => word.startsWith('--'))) throw new Error(`COPY option not replayed: ${args}`);
  const destination = words.pop()!;
  const sourceRoot = from === undefined ? at.repository : at.roots.get(from);
  if (!sourceRoot) throw new Error(`COPY --from=${from}: no such stage before this one`);
  const intoFolder = destination.endsWith('/') || words.length > 1;
  for (const source of words) {
    const origin = path.join(sourceRoot, from === undefined ? source : path.posix.resolve('/', source));
    if (!fs.existsSync(origin)) throw new Error(`COPY ${source}: not found at ${origin}`);
    const target = intoFolder ? path.join(at.inside(destination), path.basename(source)) : at.inside(destination);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(origin, target, { recursive: true, verbatimSymlinks: true });
  }
}

/** `ENV A=1 B="two words"` (the `ENV A 1` form is refused: Docker itself calls it legacy). */
function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[match[1]] = match[3] ?? match[2];
  if (Object.keys(env).length === 0) throw new Error(`ENV not in KEY=value form: ${args}`);
  return env;
}

function execForm(args: string, keyword: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${keyword} must be in exec form (a JSON array): ${args}`);
  return parsed;
}
