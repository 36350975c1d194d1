/**
 * Live lag: how long after a command's 201 its history entry can be read, under a steady stream of
 * commands. The client sends `POST /indicators/{id}/progress-reports` at a fixed rate (open loop:
 * a request is sent when it is due, whether or not earlier ones have answered), and on each 201 asks
 * `GET /indicators/{id}/history?minPosition=<position>` for the entry the command wrote. The lag of
 * a command is from its 201 to that answer, the GET's own round trip included: that is when a
 * client that reads its write has it.
 *
 * Every command reports a (task, metric, period) not reported before on a task registered with
 * numeric targets only (dataset/synthetic-indicators.ts), so each one is accepted and appends.
 */
import * as http from 'node:http';
import { COORDINATOR_KEY, INSPECTOR_KEY, REPORT_SLOTS, syntheticIndicatorId } from '../dataset/synthetic-indicators';
import { cpuMsPerRequest, cpuSecondsOf } from '../support/process-cpu';
import { percentile } from '../support/stats';

export interface LiveLagArgs {
  port: number;
  serverPid?: number;
  /** Commands per second. */
  rate: number;
  /** Sent first at the same rate, not counted: the service's and the client's JIT warm-up. */
  warmupSeconds: number;
  seconds: number;
  /** Synthetic tasks registered in the store. */
  tasks: number;
}

export interface LiveLagResult {
  /** Commands answered 201 and read back, over the measured seconds. */
  commands: number;
  /** Commands per second actually completed in the measured part. */
  achievedRate: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Send → 201. */
  commandP50Ms: number;
  commandP99Ms: number;
  /** Commands answered other than 201, or whose entry could not be read back, and their statuses. */
  failures: number;
  failureStatuses: Record<string, number>;
  /** The server's CPU per command over the measured part (its GET included). */
  serverCpuMsPerCommand: number | null;
}

interface Sample {
  commandMs: number;
  lagMs: number;
}

export async function liveLagRun(args: LiveLagArgs): Promise<LiveLagResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const intervalMs = 1000 / args.rate;
  const warmupCount = Math.round(args.warmupSeconds * args.rate);
  const total = warmupCount + Math.round(args.seconds * args.rate);
  if (total > args.tasks * REPORT_SLOTS.length) throw new Error(`${total} commands need more than ${args.tasks} synthetic tasks`);
  const samples: Sample[] = [];
  const failureStatuses: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let cpuBefore: ReturnType<typeof cpuSecondsOf> = null;
  let measuredStart = 0n;

  const one = async (n: number): Promise<void> => {
    const indicatorId = syntheticIndicatorId(n % args.tasks);
    const slot = REPORT_SLOTS[Math.floor(n / args.tasks) % REPORT_SLOTS.length];
    const body = JSON.stringify({ metric: slot.metric, period: slot.period, value: 1 + (n % 100), note: 'Số liệu báo cáo định kỳ' });
    const sent = process.hrtime.bigint();
    const command = await request(agent, args.port, 'POST', `/indicators/${indicatorId}/progress-reports`, COORDINATOR_KEY, body);
    const answered = process.hrtime.bigint();
    if (command.status !== 201) {
      failureStatuses[`POST ${command.status}`] = (failureStatuses[`POST ${command.status}`] ?? 0) + 1;
      return;
    }
    const { position } = JSON.parse(command.body) as { position: number };
    const read = await request(agent, args.port, 'GET', `/indicators/${indicatorId}/history?minPosition=${position}&order=desc&limit=5`, INSPECTOR_KEY);
    const readBack = process.hrtime.bigint();
    const found = read.status === 200 && (JSON.parse(read.body) as { items: Array<{ position: number }> }).items.some((item) => item.position === position);
    if (!found) {
      const key = read.status === 200 ? 'GET 200 without the entry' : `GET ${read.status}`;
      failureStatuses[key] = (failureStatuses[key] ?? 0) + 1;
      return;
    }
    if (n >= warmupCount) samples.push({ commandMs: Number(answered - sent) / 1e6, lagMs: Number(readBack - answered) / 1e6 });
  };

  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < total) {
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    const due = Math.min(total, Math.floor(elapsedMs / intervalMs) + 1);
    for (; sent < due; sent++) {
      if (sent === warmupCount) {
        cpuBefore = cpuSecondsOf(args.serverPid);
        measuredStart = process.hrtime.bigint();
      }
      const work = one(sent).catch((error: unknown) => {
        const key = `error ${error instanceof Error ? error.message : String(error)}`;
        failureStatuses[key] = (failureStatuses[key] ?? 0) + 1;
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const measuredSeconds = Number(process.hrtime.bigint() - measuredStart) / 1e9;
  const cpuAfter = cpuSecondsOf(args.serverPid);
  agent.destroy();
  const lags = samples.map((sample) => sample.lagMs);
  const commands = samples.map((sample) => sample.commandMs);
  return {
    commands: samples.length,
    achievedRate: samples.length / measuredSeconds,
    lagP50Ms: percentile(lags, 50),
    lagP99Ms: percentile(lags, 99),
    lagMaxMs: Math.max(...lags),
    commandP50Ms: percentile(commands, 50),
    commandP99Ms: percentile(commands, 99),
    failures: Object.values(failureStatuses).reduce((a, b) => a + b, 0),
    failureStatuses,
    serverCpuMsPerCommand: cpuMsPerRequest(cpuBefore, cpuAfter, samples.length),
  };
}

function request(agent: http.Agent, port: number, method: 'GET' | 'POST', path: string, apiKey: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
