/**
 * `npm run bench`: every hot path measured side by side with its baseline in one run, each
 * workload several times (the median is reported), ours and the baseline alternating so drift on a
 * shared machine hits both. Prints a table and writes bench-results.json, with the machine and its
 * load average. Traffic: 127.0.0.1 only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import type { DatasetInfo } from './dataset/generate';
import { ANALYST_KEY, HISTORY_INDICATOR, INSPECTOR_KEY } from './dataset/synthetic-indicators';
import { load, type LoadResult } from './support/load';
import { fetchBody } from './support/latency';
import { runInChild, startServer, type ServerHandle } from './support/processes';
import { printTable, ratioRow, writeResults, type Row } from './support/report';
import { benchSettings, selected } from './support/settings';
import { median, round } from './support/stats';
import { BENCH_TMP, copyPrepared, dataset, isPrepared, preparedStore, type PreparedStore } from './workloads/generate';
import { commandLoadRun, FRAMEWORK_VARIANTS, SERVICE_TARGET, type CommandLoadResult, type HttpRunOptions } from './workloads/http-commands';
import type { LiveLagResult } from './workloads/live-lag';
import { latencySeries, restartRun, serviceOn, type RestartResult } from './workloads/queries';
import type { RebuildResult } from './workloads/rebuild';
import { validationRows } from './workloads/validation-rows';
import { consoleSizeRows, dashboardNavigationRow, demoStore } from './workloads/console';

type Rate = { perSecond: number; seconds: number };

const settings = benchSettings();
/** Other work on the machine shares its cores: recorded with the results. */
const loadAtStart = os.loadavg().map((value) => round(value, 2));
const rows: Row[] = [];
/** Every row is printed as soon as it is measured, so a run cut short still shows what it got. */
function addRow(row: Row): void {
  rows.push(row);
  const ratio = row.ratio === null ? '' : row.unit === 'x' ? ` (x${row.ratio})` : ` (${round(row.ratio * 100, 1)}% of ${row.baseline} ${row.unit})`;
  log(`  → ${row.workload}: ${row.ours} ${row.unit}${ratio} — goal ${row.goal}: ${row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL'}`);
}
const workDir = path.join(BENCH_TMP, `run-${process.pid}`);
const log = (line: string) => console.log(line);
const medianOf = <T>(items: readonly T[], pick: (item: T) => number) => median(items.map(pick));

/** Runs `ours` and `baseline` `runs` times each, alternating which goes first. */
async function sideBySide<A, B>(runs: number, ours: () => Promise<A>, baseline: () => Promise<B>): Promise<{ ours: A[]; baseline: B[] }> {
  const result = { ours: [] as A[], baseline: [] as B[] };
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      result.ours.push(await ours());
      result.baseline.push(await baseline());
    } else {
      result.baseline.push(await baseline());
      result.ours.push(await ours());
    }
  }
  return result;
}

let rawAppendPerSecond: number | null = null;

async function appendWorkloads(): Promise<void> {
  const args = () => ({ dir: fs.mkdtempSync(path.join(workDir, 'append-')), count: settings.appendCount, streams: settings.appendStreams });
  if (selected('append')) {
    log('append through the event store port …');
    const runs = await sideBySide(settings.runs, () => runInChild<Rate>('append-port', args()), () => runInChild<Rate>('append-raw', args()));
    rawAppendPerSecond = medianOf(runs.baseline, (r) => r.perSecond);
    addRow(ratioRow(`append via port (SQLite, synchronous=FULL, ${settings.appendStreams} streams)`, 'events/s', medianOf(runs.ours, (r) => r.perSecond), rawAppendPerSecond, 0.7, { runs }));
  }
  if (selected('command')) {
    log('command path in process …');
    const ours: Rate[] = [];
    const raw: Rate[] = [];
    for (let run = 0; run < settings.runs; run++) {
      ours.push(await runInChild<Rate>('command-path', { dir: fs.mkdtempSync(path.join(workDir, 'command-')), count: settings.commandCount, warmup: 2 * settings.commandCount }));
      // The raw append runs again beside each command run: the ratio is taken in the same minute.
      raw.push(await runInChild<Rate>('append-raw', args()));
    }
    // Measured warm (see command-path.ts); the warm-up pass is what a freshly started process manages.
    const cold = medianOf(ours, (r) => (r as Rate & { cold?: Rate }).cold?.perSecond ?? NaN);
    log(`  warm-up pass (a freshly started process): ${round(cold, 0)} commands/s`);
    addRow(ratioRow('command path in process (CommandBus → append)', 'commands/s', medianOf(ours, (r) => r.perSecond), medianOf(raw, (r) => r.perSecond), 0.4, { coldPerSecond: round(cold, 0), runs: { ours, baseline: raw } }));
  }
}

async function httpCommandWorkloads(): Promise<void> {
  if (!selected('http')) return;
  const commandsDataset = await dataset('http-commands', { totalEvents: 0, syntheticIndicators: 10000, registrationsOnly: true }, log);
  const options: HttpRunOptions = { dataset: commandsDataset, workDir, connections: settings.httpConnections, seconds: settings.httpSeconds, warmupSeconds: settings.quick ? 1 : 2 };
  log(`HTTP command round trip (${settings.httpConnections} connections, ${settings.httpSeconds} s) …`);
  // The bare server that also group-commits runs right after the bare one: the floor for the design the service uses.
  const groupCommitRuns: CommandLoadResult[] = [];
  const bareThenGrouped = async () => {
    const bare = await commandLoadRun({ server: 'raw-http' }, options);
    groupCommitRuns.push(await commandLoadRun({ server: 'raw-http', args: { groupCommit: true } }, options));
    return bare;
  };
  const runs = await sideBySide(settings.runs, () => commandLoadRun(SERVICE_TARGET, options), bareThenGrouped);
  const baseline = medianOf(runs.baseline, (r) => r.requestsPerSecond);
  log(`  server CPU per request: service ${medianOf(runs.ours, (r) => r.serverCpuMsPerRequest ?? NaN)} ms, bare node:http ${medianOf(runs.baseline, (r) => r.serverCpuMsPerRequest ?? NaN)} ms`);
  addRow(
    ratioRow('HTTP POST progress-reports (service vs bare node:http)', 'req/s', medianOf(runs.ours, (r) => r.requestsPerSecond), baseline, 0.5, {
      oursLatencyP50Ms: medianOf(runs.ours, (r) => r.latencyP50Ms),
      oursLatencyP99Ms: medianOf(runs.ours, (r) => r.latencyP99Ms),
      baselineLatencyP50Ms: medianOf(runs.baseline, (r) => r.latencyP50Ms),
      baselineLatencyP99Ms: medianOf(runs.baseline, (r) => r.latencyP99Ms),
      oursServerCpuMsPerRequest: medianOf(runs.ours, (r) => r.serverCpuMsPerRequest ?? NaN),
      baselineServerCpuMsPerRequest: medianOf(runs.baseline, (r) => r.serverCpuMsPerRequest ?? NaN),
      oursNon2xx: runs.ours.map((r) => r.non2xx),
      runs,
    }),
  );
  const grouped = medianOf(groupCommitRuns, (r) => r.requestsPerSecond);
  log(`  bare node:http with group commit: ${grouped} req/s, ${medianOf(groupCommitRuns, (r) => r.serverCpuMsPerRequest ?? NaN)} ms server CPU per request`);
  addRow({
    ...ratioRow('  the service vs a bare node:http that also group-commits', 'req/s', medianOf(runs.ours, (r) => r.requestsPerSecond), grouped, 0, {
      baselineLatencyP50Ms: medianOf(groupCommitRuns, (r) => r.latencyP50Ms),
      baselineLatencyP99Ms: medianOf(groupCommitRuns, (r) => r.latencyP99Ms),
      baselineServerCpuMsPerRequest: medianOf(groupCommitRuns, (r) => r.serverCpuMsPerRequest ?? NaN),
      runs: groupCommitRuns,
    }),
    goal: 'for comparison',
    pass: null,
  });
  if (!selected('framework')) return;
  for (const variant of FRAMEWORK_VARIANTS) {
    log(`  framework: ${variant.name} …`);
    const variantRuns: LoadResult[] = [];
    for (let run = 0; run < settings.frameworkRuns; run++) variantRuns.push(await commandLoadRun(variant.target, { ...options, seconds: settings.frameworkSeconds }));
    const row = ratioRow(`  minimal app: ${variant.name}`, 'req/s', medianOf(variantRuns, (r) => r.requestsPerSecond), baseline, 0, { latencyP99Ms: medianOf(variantRuns, (r) => r.latencyP99Ms), runs: variantRuns });
    addRow({ ...row, goal: 'for comparison', pass: null });
  }
}

/** The large store: the rebuild, the restart and the queries share it (and its cached dataset). */
function largeDataset(): Promise<DatasetInfo> {
  return dataset(`events-${settings.storeEvents}`, { totalEvents: settings.storeEvents, historyIndicators: [settings.historySmall, settings.historyLarge] }, log);
}

async function rebuildWorkloads(): Promise<void> {
  if (!selected('rebuild')) return;
  const info = await largeDataset();
  log(`projection rebuild, ${info.events} events …`);
  const args = () => ({ file: info.file, dir: fs.mkdtempSync(path.join(workDir, 'rebuild-')) });
  // The first measured rebuild also leaves the prepared store the restart and the queries run on.
  let keep = !isPrepared(info);
  const ours = async () => {
    if (!keep) return runInChild<RebuildResult>('rebuild-ours', args());
    keep = false;
    let result: RebuildResult | undefined;
    await preparedStore(info, log, async (keepAs) => {
      result = await runInChild<RebuildResult>('rebuild-ours', { ...args(), keepAs });
    });
    return result as RebuildResult;
  };
  const result = await sideBySide(settings.rebuildRuns, ours, () => runInChild<RebuildResult>('rebuild-raw', args()));
  const wallSeconds = medianOf(result.ours, (r) => r.seconds);
  addRow(
    ratioRow(`rebuild of every read model into SQLite, ${info.events.toLocaleString('en-US')} events (npm run projections:rebuild's code vs parse + insert one row per event)`, 'events/s', medianOf(result.ours, (r) => r.perSecond), medianOf(result.baseline, (r) => r.perSecond), 0.4, {
      wallSeconds: round(wallSeconds, 1),
      baselineWallSeconds: round(medianOf(result.baseline, (r) => r.seconds), 1),
      readModelsMegabytes: round(medianOf(result.ours, (r) => r.megabytes), 0),
      baselineMegabytes: round(medianOf(result.baseline, (r) => r.megabytes), 0),
      runs: result,
      byType: info.byType,
    }),
  );
  addRow({ workload: `  wall time of that rebuild (${info.events.toLocaleString('en-US')} events)`, unit: 's', ours: round(wallSeconds, 1), baseline: null, ratio: null, goal: 'reported', pass: null, details: {} });
  // CPU per event: the same comparison without the time spent waiting for a core or the disk.
  const cpuMicros = (runs: RebuildResult[]) => medianOf(runs, (r) => (1e6 * r.cpuSeconds) / r.events);
  addRow({
    ...ratioRow('  the same in CPU time per event (baseline / ours)', 'µs CPU/event', cpuMicros(result.ours), cpuMicros(result.baseline), 0, {}),
    ratio: round(cpuMicros(result.baseline) / cpuMicros(result.ours), 3),
    goal: 'for comparison',
    pass: null,
  });
}

/**
 * Opt-in (`BENCH_ONLY=rebuild-each`): the rebuild with one read model at a time, in CPU time per
 * event, on a store a tenth of the large one's size: what each read model adds to a rebuild.
 */
async function rebuildEachWorkload(): Promise<void> {
  if (!process.env.BENCH_ONLY?.split(',').some((word) => word.trim() === 'rebuild-each')) return;
  const size = Math.max(10_000, Math.round(settings.storeEvents / 10));
  const info = await dataset(`each-${size}`, { totalEvents: size }, log);
  const args = () => ({ file: info.file, dir: fs.mkdtempSync(path.join(workDir, 'rebuild-each-')) });
  const cpuMicros = (r: RebuildResult) => round((1e6 * r.cpuSeconds) / r.events, 1);
  const raw = await runInChild<RebuildResult>('rebuild-raw', args());
  log(`rebuild with one read model at a time, ${info.events} events (baseline: ${cpuMicros(raw)} µs CPU per event) …`);
  for (const projection of ALL_PROJECTIONS) {
    const result = await runInChild<RebuildResult>('rebuild-ours', { ...args(), readModels: [projection.name] });
    addRow({ workload: `rebuild of ${projection.name} alone, ${info.events.toLocaleString('en-US')} events`, unit: 'µs CPU/event', ours: cpuMicros(result), baseline: cpuMicros(raw), ratio: null, goal: 'for information', pass: null, details: { perSecond: round(result.perSecond, 0), megabytes: round(result.megabytes, 0), result } });
  }
  const all = await runInChild<RebuildResult>('rebuild-ours', args());
  addRow({ workload: `rebuild of every read model, ${info.events.toLocaleString('en-US')} events`, unit: 'µs CPU/event', ours: cpuMicros(all), baseline: cpuMicros(raw), ratio: null, goal: 'for information', pass: null, details: { perSecond: round(all.perSecond, 0), megabytes: round(all.megabytes, 0), result: all } });
}

/** The large store with its read models built, copied once per run into the work directory: the restarts and the query service share the copy. */
let largeCopy: Promise<{ store: PreparedStore; dir: string }> | null = null;
function largeStoreCopy(): Promise<{ store: PreparedStore; dir: string }> {
  largeCopy ??= (async () => {
    const store = await preparedStore(await largeDataset(), log);
    return { store, dir: copyPrepared(store, path.join(workDir, 'large-store')) };
  })();
  return largeCopy;
}

/** A row whose goal is to stay within `maxFactor` times the baseline (lower is better). */
function factorRow(workload: string, unit: string, ours: number, baseline: number, maxFactor: number, details: Record<string, unknown>): Row {
  const ratio = round(ours / baseline, 3);
  return { workload, unit, ours: round(ours, 2), baseline: round(baseline, 2), ratio, goal: `<= ${maxFactor}x the seed-only store`, pass: ratio <= maxFactor, details };
}

async function restartWorkload(): Promise<void> {
  if (!selected('restart')) return;
  const { store, dir } = await largeStoreCopy();
  const seedOnly = await preparedStore(await dataset('seed-only', { totalEvents: 0 }, log), log);
  const seedDir = copyPrepared(seedOnly, path.join(workDir, 'seed-only-store'));
  log(`restart of the embedded service: ${store.info.events} events vs the seed only (${seedOnly.info.events} events) …`);
  const runs = await sideBySide(settings.restartRuns, () => restartRun(dir), () => restartRun(seedDir));
  const pick = (key: keyof RestartResult) => [medianOf(runs.ours, (r) => r[key]), medianOf(runs.baseline, (r) => r[key])] as const;
  const events = store.info.events.toLocaleString('en-US');
  const [listening, seedListening] = pick('listeningSeconds');
  const [answering, seedAnswering] = pick('answeringSeconds');
  const [rss, seedRss] = pick('peakRssMb');
  addRow(factorRow(`restart, embedded, ${events} events: process start → first GET /indicators answered`, 's', answering, seedAnswering, 1.5, { seedOnlyEvents: seedOnly.info.events, runs }));
  addRow(factorRow(`  process start → listening`, 's', listening, seedListening, 1.5, {}));
  addRow(factorRow(`  peak RSS once it has answered`, 'MB', rss, seedRss, 1.5, {}));
}

/**
 * The same history answer from a bare node:http server that only writes ready bytes, measured with
 * the same client right after the service: how much of the latency is the machine's.
 */
async function sameBytesFloor(service: ServerHandle, url: string, requests: number, storeEvents: number): Promise<void> {
  const file = path.join(workDir, `history-answer-${storeEvents}.json`);
  fs.writeFileSync(file, await fetchBody(service.port, url, INSPECTOR_KEY));
  const bare = await startServer('raw-bytes', { file });
  try {
    const { runs } = await latencySeries(bare, { paths: [url], apiKey: INSPECTOR_KEY, warmup: settings.latencyWarmup, runs: settings.runs, requests });
    addRow({
      workload: `  the same answer from a bare node:http server writing ready bytes`,
      unit: 'ms p99',
      ours: round(medianOf(runs, (r) => r.p99Ms), 2),
      baseline: null,
      ratio: null,
      goal: 'for comparison',
      pass: null,
      details: { p50Ms: round(medianOf(runs, (r) => r.p50Ms), 2), serverCpuMsPerRequest: medianOf(runs, (r) => r.serverCpuMsPerRequest ?? NaN), responseBytes: runs[0].bytes, runs },
    });
  } finally {
    await bare.stop();
    fs.rmSync(file, { force: true });
  }
}

/**
 * The audit log of a past week, say: a window of recorded times 5% of the log long, from 10% to 15%
 * of it, far from the newest end a page starts at (GET /audit/events?from=…&to=…).
 */
async function auditLogWindowLatency(server: ServerHandle, storeEvents: number): Promise<void> {
  const recordedAtOf = async (offset: number): Promise<string> => {
    const page = JSON.parse((await fetchBody(server.port, `/audit/events?order=asc&limit=1&offset=${offset}`, INSPECTOR_KEY)).toString()) as { items: Array<{ recordedAt: string }> };
    return page.items[0].recordedAt;
  };
  const [from, to] = [await recordedAtOf(Math.floor(storeEvents * 0.1)), await recordedAtOf(Math.floor(storeEvents * 0.15))];
  const url = `/audit/events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  // Fewer requests: each one sorts the whole window (see docs/performance.md), which at a million
  // events takes long enough that the usual series would not end in the run's time.
  await latencyRow(server, [url], INSPECTOR_KEY, settings.auditWindowRequests, `global audit log, a date window of 5% of it far from its newest end (from/to, store: ${storeEvents.toLocaleString('en-US')})`, 10, {
    warmup: settings.auditWindowWarmup,
    runs: 1,
  });
}

/** A latency series from a client process of its own, reported as one row (goal: p99 below `goalMs`, or none). */
async function latencyRow(server: ServerHandle, paths: string[], apiKey: string, requests: number, workload: string, goalMs: number | null, series: { warmup?: number; runs?: number } = {}): Promise<number> {
  // The first requests of a series run while V8 still compiles, in the service and in the fresh
  // client process: they are a warm-up, timed and reported apart.
  const { warmup, runs } = await latencySeries(server, { paths, apiKey, warmup: series.warmup ?? settings.latencyWarmup, runs: series.runs ?? settings.runs, requests });
  const p99 = medianOf(runs, (r) => r.p99Ms);
  addRow({
    workload,
    unit: 'ms p99',
    ours: round(p99, 2),
    baseline: null,
    ratio: null,
    goal: goalMs === null ? 'none (reported)' : `p99 < ${goalMs} ms`,
    pass: goalMs === null ? null : p99 < goalMs,
    details: {
      paths,
      p50Ms: round(medianOf(runs, (r) => r.p50Ms), 2),
      serverCpuMsPerRequest: medianOf(runs, (r) => r.serverCpuMsPerRequest ?? NaN),
      responseBytes: runs[0].bytes,
      warmup: { requests: warmup.requests, p50Ms: round(warmup.p50Ms, 2), p99Ms: round(warmup.p99Ms, 2), maxMs: round(warmup.maxMs, 2) },
      runs,
    },
  });
  return p99;
}

async function queryWorkloads(): Promise<void> {
  if (!selected('queries')) return;
  const { store, dir } = await largeStoreCopy();
  const storeEvents = store.info.events;
  const events = storeEvents.toLocaleString('en-US');
  log(`queries on a store of ${storeEvents} events …`);
  const server = await serviceOn(dir);
  try {
    for (const [historyEvents, requests] of [
      [settings.historyLarge, settings.historyRequestsLarge],
      [settings.historySmall, settings.historyRequestsSmall],
    ]) {
      const url = `/indicators/${HISTORY_INDICATOR(historyEvents)}/history`;
      const hasGoal = historyEvents === settings.historyLarge;
      await latencyRow(server, [url], INSPECTOR_KEY, requests, `history of an indicator with ${historyEvents.toLocaleString('en-US')} events, first page (store: ${events})`, hasGoal ? 5 : null);
      if (hasGoal) await sameBytesFloor(server, url, requests, storeEvents);
    }
    const list = ['/indicators?group=economy', '/indicators?kind=task&status=at_risk', '/indicators?unit=phong-kinh-te', '/indicators?kind=indicator&limit=20', '/indicators'];
    const indicators = JSON.parse((await fetchBody(server.port, '/indicators?limit=1', ANALYST_KEY)).toString()) as { total: number };
    await latencyRow(server, list, ANALYST_KEY, settings.listRequests, `GET /indicators with filters, first page (${indicators.total.toLocaleString('en-US')} indicators and tasks, store: ${events})`, 5);
    const loadRuns: LoadResult[] = [];
    for (let run = 0; run < settings.runs; run++) {
      loadRuns.push(await load({ port: server.port, connections: 10, seconds: settings.listSeconds, method: 'GET', headers: { authorization: `Bearer ${ANALYST_KEY}` }, request: (n) => ({ path: list[n % list.length] }) }));
    }
    addRow({ workload: '  the same under 10 connections', unit: 'req/s', ours: round(medianOf(loadRuns, (r) => r.requestsPerSecond), 0), baseline: null, ratio: null, goal: 'reported', pass: null, details: { latencyP99Ms: medianOf(loadRuns, (r) => r.latencyP99Ms), loadRuns } });
    await latencyRow(server, ['/audit/events'], INSPECTOR_KEY, settings.historyRequestsSmall, `global audit log, newest 100 entries (GET /audit/events, store: ${events})`, null);
    await auditLogWindowLatency(server, storeEvents);
  } finally {
    await server.stop();
  }
}

async function liveLagWorkload(): Promise<void> {
  if (!selected('lag')) return;
  // Its read models built: the service follows the ledger from their checkpoint, as after a restart.
  const store = await preparedStore(await dataset('http-commands', { totalEvents: 0, syntheticIndicators: 10000, registrationsOnly: true }, log), log);
  const lagRuns = async (rate: number, runs: number): Promise<LiveLagResult[]> => {
    log(`live lag: ${rate} commands/s for ${settings.lagSeconds} s, each read back with minPosition …`);
    const results: LiveLagResult[] = [];
    for (let run = 0; run < runs; run++) {
      const dir = copyPrepared(store, path.join(workDir, `live-lag-${rate}-${run}`));
      const server = await serviceOn(dir);
      try {
        results.push(await runInChild<LiveLagResult>('live-lag', { port: server.port, serverPid: server.child.pid, rate, seconds: settings.lagSeconds, warmupSeconds: settings.lagWarmupSeconds, tasks: store.info.syntheticIndicators }));
      } finally {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    return results;
  };
  const lagRow = (rate: number, runs: LiveLagResult[], goal: boolean, workload: string): Row => {
    const p99 = medianOf(runs, (r) => r.lagP99Ms);
    const failures = runs.reduce((sum, r) => sum + r.failures, 0);
    return {
      workload,
      unit: 'ms p99',
      ours: round(p99, 2),
      baseline: null,
      ratio: null,
      goal: goal ? 'p99 < 25 ms, every command read back' : 'for comparison',
      pass: goal ? p99 < 25 && failures === 0 : null,
      details: {
        rate,
        p50Ms: round(medianOf(runs, (r) => r.lagP50Ms), 2),
        maxMs: round(medianOf(runs, (r) => r.lagMaxMs), 2),
        achievedRate: round(medianOf(runs, (r) => r.achievedRate), 1),
        commandP50Ms: round(medianOf(runs, (r) => r.commandP50Ms), 2),
        commandP99Ms: round(medianOf(runs, (r) => r.commandP99Ms), 2),
        serverCpuMsPerCommand: medianOf(runs, (r) => r.serverCpuMsPerCommand ?? NaN),
        failures,
        runs,
      },
    };
  };
  addRow(lagRow(settings.lagRate, await lagRuns(settings.lagRate, settings.runs), true, `live lag, 201 → history entry read with minPosition, at ${settings.lagRate} commands/s`));
  // A fifth of the rate, once: the lag of the pipeline itself when the service is far from saturated.
  const slow = Math.round(settings.lagRate / 5);
  addRow(lagRow(slow, await lagRuns(slow, 1), false, `  the same at ${slow} commands/s`));
}

async function consoleWorkload(): Promise<void> {
  if (!selected('console')) return;
  log('the web console: JavaScript size, navigation to the dashboard …');
  consoleSizeRows().forEach(addRow);
  // The demo year (`npm run demo`): the 20 key indicators and 183 tasks with a year of reports, as a user would first see them.
  const dir = demoStore(path.join(workDir, 'console-demo'));
  const server = await startServer('app-server', { dir });
  try {
    const row = await dashboardNavigationRow(server, INSPECTOR_KEY, settings.runs, log);
    if (row) addRow(row);
  } finally {
    await server.stop();
  }
}

/** Groups of workloads that failed, with their error: reported in bench-results.json. */
const failures: Array<{ group: string; error: string }> = [];

/** The 1-minute load average, read every 10 s while each group of workloads runs. */
const loadByGroup: Record<string, { seconds: number; loadAverage1m: { min: number; max: number; mean: number } }> = {};

/** Runs a group of workloads and logs how long it took (datasets generated for it included) and the machine's load meanwhile. */
async function timed(name: string, workloads: () => Promise<void>): Promise<void> {
  const started = Date.now();
  const samples = [os.loadavg()[0]];
  const sampler = setInterval(() => samples.push(os.loadavg()[0]), 10_000);
  try {
    await workloads();
  } catch (error) {
    // One group failing does not cost the run the others' figures.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ group: name, error: message });
    log(`  ${name} FAILED: ${message}`);
  } finally {
    clearInterval(sampler);
  }
  samples.push(os.loadavg()[0]);
  const seconds = (Date.now() - started) / 1000;
  if (seconds < 1) return;
  const loadAverage1m = { min: round(Math.min(...samples), 2), max: round(Math.max(...samples), 2), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length, 2) };
  loadByGroup[name] = { seconds: round(seconds, 0), loadAverage1m };
  log(`  (${name}: ${round(seconds, 0)} s, load average ${loadAverage1m.min}–${loadAverage1m.max})`);
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.mkdirSync(workDir, { recursive: true });
  // Interrupted: the copies of the stores (up to a GB each) must not stay behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      fs.rmSync(workDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  log(`load average (1, 5, 15 min): ${loadAtStart.join(', ')} on ${os.cpus().length} CPUs`);
  log(`resolution-ledger benchmark${settings.quick ? ' (BENCH_QUICK: reduced sizes)' : ''}, ${settings.runs} runs per workload, medians reported`);
  try {
    // First: its first run also builds the read models the restart and the queries run on.
    await timed('rebuild', rebuildWorkloads);
    await timed('rebuild of each read model', rebuildEachWorkload);
    await timed('restart', restartWorkload);
    await timed('queries', queryWorkloads);
    await timed('live lag', liveLagWorkload);
    await timed('append and command path', appendWorkloads);
    await timed('validation', async () => {
      if (selected('validation')) (await validationRows(settings, log)).forEach(addRow);
    });
    await timed('HTTP commands', httpCommandWorkloads);
    await timed('console', consoleWorkload);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    // Whatever was measured is reported, also when a workload failed.
    const seconds = (Date.now() - started) / 1000;
    console.log('');
    printTable(rows);
    // A quick run's figures are not the goals': they go to a file of their own, not to the committed one.
    const file = path.resolve(process.env.BENCH_RESULTS || (settings.quick ? 'bench-results-quick.json' : 'bench-results.json'));
    writeResults(file, rows, { quick: settings.quick, settings, startedAt: new Date(started).toISOString(), durationSeconds: round(seconds, 1), loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((value) => round(value, 2)), byGroup: loadByGroup }, failures });
    console.log(`\n${rows.filter((r) => r.pass === true).length} goals met, ${rows.filter((r) => r.pass === false).length} missed${failures.length > 0 ? `, ${failures.length} group(s) failed: ${failures.map((f) => f.group).join(', ')}` : ''}; ${round(seconds, 0)} s; results in ${file}`);
    if (failures.length > 0) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
