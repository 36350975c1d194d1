/**
 * The HTTP command round trip, POST /indicators/{id}/progress-reports under autocannon, against the
 * service and against the bare node:http baseline; then the minimal NestJS apps. Every request
 * reports a (task, metric, period) not reported before, so each one appends (201).
 */
import * as path from 'node:path';
import { cpuMsPerRequest, cpuSecondsOf } from '../support/process-cpu';
import type { DatasetInfo } from '../dataset/generate';
import { COORDINATOR_KEY, REPORT_SLOTS, syntheticIndicatorId } from '../dataset/synthetic-indicators';
import { load, type LoadResult } from '../support/load';
import { startServer } from '../support/processes';
import { copyDataset } from './generate';

export interface HttpTarget {
  /** servers/<server>.js */
  server: string;
  args?: Record<string, unknown>;
}

export interface HttpRunOptions {
  dataset: DatasetInfo;
  workDir: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/**
 * A load run, and the server's CPU time per answered request during it (user + system, from
 * /proc; null elsewhere). Requests per second follow fsync times that swing with whatever else the
 * machine writes; CPU per request is what the HTTP layer itself costs, and moves far less.
 */
export interface CommandLoadResult extends LoadResult {
  serverCpuMsPerRequest: number | null;
}

/** One run: a fresh copy of the dataset, a fresh server, a warm-up, then the measured load. */
export async function commandLoadRun(target: HttpTarget, options: HttpRunOptions): Promise<CommandLoadResult> {
  const dir = path.join(options.workDir, `${target.server}-${Date.now()}`);
  copyDataset(options.dataset, dir);
  const server = await startServer(target.server, { dir, ...(target.args ?? {}) });
  const tasks = options.dataset.syntheticIndicators;
  let cursor = 0;
  // Consecutive requests go to different tasks, so 50 connections rarely race on one stream.
  const request = () => {
    const n = cursor++;
    const slot = REPORT_SLOTS[Math.floor(n / tasks) % REPORT_SLOTS.length];
    const body = JSON.stringify({ metric: slot.metric, period: slot.period, value: 1 + (n % 100), note: 'Số liệu báo cáo định kỳ' });
    return { path: `/indicators/${syntheticIndicatorId(n % tasks)}/progress-reports`, body };
  };
  const common = {
    port: server.port,
    connections: options.connections,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${COORDINATOR_KEY}`, 'content-type': 'application/json' },
    request,
  };
  try {
    if (options.warmupSeconds > 0) await load({ ...common, seconds: options.warmupSeconds });
    const cpuBefore = cpuSecondsOf(server.child.pid);
    const result = await load({ ...common, seconds: options.seconds });
    const cpuAfter = cpuSecondsOf(server.child.pid);
    if (cursor >= tasks * REPORT_SLOTS.length) throw new Error(`ran out of unreported (task, metric, period): raise the dataset's synthetic tasks above ${tasks}`);
    const serverCpuMsPerRequest = cpuMsPerRequest(cpuBefore, cpuAfter, result.total);
    return { ...result, serverCpuMsPerRequest };
  } finally {
    await server.stop();
  }
}

/** The service as shipped. */
export const SERVICE_TARGET: HttpTarget = { server: 'app-server' };

/** What NestJS on Fastify costs by itself, with and without the service's ValidationPipe. */
export const FRAMEWORK_VARIANTS: ReadonlyArray<{ name: string; target: HttpTarget }> = [
  { name: 'NestJS + Fastify + ValidationPipe', target: { server: 'nest-minimal', args: { validation: true } } },
  { name: 'NestJS + Fastify, no validation', target: { server: 'nest-minimal', args: { validation: false } } },
];
