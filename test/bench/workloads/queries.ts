/** Query workloads over HTTP (history, list, audit log) and the restart of the embedded service. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ANALYST_KEY } from '../dataset/synthetic-indicators';
import { sequentialLatency, type LatencyResult } from '../support/latency';
import { cpuMsPerRequest, cpuSecondsOf } from '../support/process-cpu';
import { BENCH_DIR, runInChild, startServer, stopChild, type ServerHandle } from '../support/processes';

/** The service started on a data directory (a copy of a prepared store: its read models are built). */
export function serviceOn(dir: string): Promise<ServerHandle> {
  return startServer('app-server', { dir });
}

export interface QueryLatencyResult extends LatencyResult {
  /** The server's CPU per request over the measured ones (warm-up included in neither): what a query costs, which the machine's load moves far less than latency. */
  serverCpuMsPerRequest: number | null;
}

export interface LatencySeriesArgs {
  port: number;
  /** The server's process, whose CPU per request is read from /proc. */
  serverPid?: number;
  paths: readonly string[];
  apiKey: string;
  /** Requests first, timed and reported apart: the service's and the client's own JIT warm-up. */
  warmup: number;
  runs: number;
  /** Measured requests per run. */
  requests: number;
}

export interface LatencySeries {
  warmup: QueryLatencyResult;
  runs: QueryLatencyResult[];
}

/**
 * A warm-up and then measured runs of sequential requests (support/latency.ts), from a client
 * process of its own: whatever ran before in the harness's process (minutes of autocannon, say)
 * leaves nothing in the client that measures.
 */
export function latencySeries(server: ServerHandle, args: Omit<LatencySeriesArgs, 'port' | 'serverPid'>): Promise<LatencySeries> {
  return runInChild<LatencySeries>('latency-series', { ...args, port: server.port, serverPid: server.child.pid });
}

/** What the `latency-series` child runs. */
export async function measureLatencySeries(args: LatencySeriesArgs): Promise<LatencySeries> {
  const warmup = await measured(args, args.warmup);
  const runs: QueryLatencyResult[] = [];
  for (let run = 0; run < args.runs; run++) runs.push(await measured(args, args.requests));
  return { warmup, runs };
}

/** Sequential requests, with the server's CPU per request over them. */
async function measured(args: LatencySeriesArgs, count: number): Promise<QueryLatencyResult> {
  const before = cpuSecondsOf(args.serverPid);
  const result = await sequentialLatency(args.port, args.paths, count, args.apiKey, 0);
  return { ...result, serverCpuMsPerRequest: cpuMsPerRequest(before, cpuSecondsOf(args.serverPid), result.requests) };
}

export interface RestartResult {
  /** From spawning the process until it prints the API docs line (it does so once it listens). */
  listeningSeconds: number;
  /** Until its first `GET /indicators` has answered 200. */
  answeringSeconds: number;
  /** Peak RSS (VmHWM) of the process once it has answered. */
  peakRssMb: number;
}

/**
 * A restart: `node dist-bench/src/main.js` as `npm start` runs it, on a data directory whose read
 * models are built (a service that ran before). Seconds until it listens and until it has answered
 * `GET /indicators`, and its peak RSS then. The directory is not changed by it: every restart of a
 * run finds the same store.
 */
export async function restartRun(dir: string): Promise<RestartResult> {
  const port = await freePort();
  const main = path.resolve(BENCH_DIR, '../../src/main.js');
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development', EVENTSTORE_CONNECTION_STRING: '', MONGODB_URI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const listeningSeconds = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`service not ready after 120 s:\n${output.slice(-2000)}`)), 120_000);
      const watch = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('API docs:')) {
          clearTimeout(timer);
          resolve(Number(process.hrtime.bigint() - start) / 1e9);
        }
      };
      child.stdout.on('data', watch);
      child.stderr.on('data', watch);
      child.on('exit', (code) => reject(new Error(`service exited with ${code} before it was ready:\n${output.slice(-2000)}`)));
    });
    // sequentialLatency rejects anything but 200.
    await sequentialLatency(port, ['/indicators'], 1, ANALYST_KEY, 0);
    const answeringSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { listeningSeconds, answeringSeconds, peakRssMb: peakRssMb(child.pid as number) };
  } finally {
    await stopChild(child);
  }
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
