/**
 * Every measured piece runs in a child process of its own: a fresh heap, no JIT state shared
 * between "ours" and the baseline, and a peak RSS that belongs to one workload.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The compiled directory of the harness (dist-bench/test/bench). */
export const BENCH_DIR = path.resolve(__dirname, '..');

const CHILD_FLAGS = ['--max-old-space-size=8192'];

export interface WorkerMessage<T> {
  kind: 'result' | 'error' | 'ready';
  value?: T;
  message?: string;
  port?: number;
}

/** Runs `task` (a function exported by support/tasks) in a child and resolves with what it returns. */
export function runInChild<T>(task: string, args: unknown, extraEnv: Record<string, string> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(path.join(BENCH_DIR, 'worker.js'), [task, JSON.stringify(args)], {
      execArgv: [...CHILD_FLAGS, ...profileFlags(task)],
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (message: WorkerMessage<T>) => {
      if (message.kind === 'result') {
        settled = true;
        resolve(message.value as T);
      } else if (message.kind === 'error') {
        settled = true;
        reject(new Error(`${task}: ${message.message}`));
      }
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`${task}: child exited with code ${code} before answering`));
    });
  });
}

export interface ServerHandle {
  port: number;
  child: ChildProcess;
  /** What the server reported about its start, if it did (the app server: time to listen, RSS). */
  startup?: { startupMs: number; rssMb: number };
  stop(): Promise<void>;
}

/** Starts a server script (servers/<name>.js) in a child; resolves once it listens on 127.0.0.1. */
export function startServer(name: string, args: unknown, extraEnv: Record<string, string> = {}): Promise<ServerHandle> {
  return new Promise<ServerHandle>((resolve, reject) => {
    const child = fork(path.join(BENCH_DIR, 'servers', `${name}.js`), [JSON.stringify(args)], {
      execArgv: [...CHILD_FLAGS, ...profileFlags(name)],
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let ready = false;
    let startup: ServerHandle['startup'];
    child.on('message', (message: WorkerMessage<unknown> & { startupMs?: number; rssMb?: number }) => {
      if ((message.kind as string) === 'startup') startup = { startupMs: message.startupMs ?? NaN, rssMb: message.rssMb ?? NaN };
      if (message.kind === 'ready' && message.port) {
        ready = true;
        resolve({ port: message.port, child, startup, stop: () => stopChild(child) });
      } else if (message.kind === 'error') {
        reject(new Error(`${name}: ${message.message}`));
      }
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${name}: server exited with code ${code} before listening`));
    });
  });
}

/** Asks a child to end (SIGTERM), and waits for it. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * `BENCH_PROFILE=word` writes a CPU profile (.cpuprofile, open it in Chrome DevTools) for every
 * child whose task or server name contains the word, into ./bench-profiles.
 */
function profileFlags(name: string): string[] {
  const word = process.env.BENCH_PROFILE;
  if (!word || !name.includes(word)) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${path.resolve('bench-profiles')}`];
}

/** The end of a child's life: report the value (or the failure) to the parent, then exit. */
export function answerParent<T>(work: () => Promise<T>): void {
  work().then(
    (value) => {
      process.send?.({ kind: 'result', value } satisfies WorkerMessage<T>, () => process.exit(0));
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      process.send?.({ kind: 'error', message } satisfies WorkerMessage<T>, () => process.exit(1));
    },
  );
}

/** Tells the parent a server listens on `port`, and exits cleanly on SIGTERM after `close`. */
export function announceServer(port: number, close: () => Promise<void>): void {
  process.send?.({ kind: 'ready', port } satisfies WorkerMessage<unknown>);
  process.once('SIGTERM', () => {
    close().finally(() => process.exit(0));
  });
}
