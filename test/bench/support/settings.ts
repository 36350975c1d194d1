/**
 * How big and how long each workload is. `BENCH_QUICK=1` scales everything down for a run of a few
 * minutes while developing (it checks every workload end to end; its figures are not the goals').
 * `BENCH_RUNS` overrides the number of runs per workload, `BENCH_ONLY` runs the workloads whose
 * name contains one of its comma-separated words (rebuild, restart, queries, lag, append, command,
 * validation, http, framework; `rebuild-each`, which runs only when named), `BENCH_RESULTS` names
 * the results file (default bench-results.json; bench-results-quick.json with BENCH_QUICK).
 */
export interface BenchSettings {
  quick: boolean;
  runs: number;
  /** Appends per run, one per stream, on a store that already holds `appendStreams` streams. */
  appendCount: number;
  appendStreams: number;
  /** Commands per run on the seeded indicators, in process. */
  commandCount: number;
  /** autocannon: connections and seconds for the command round trip. */
  httpConnections: number;
  httpSeconds: number;
  /** Seconds per run, and runs, for the minimal NestJS apps (for orientation only). */
  frameworkSeconds: number;
  frameworkRuns: number;
  /**
   * Events of the large store: the rebuild, the restart and the queries run on it (it holds the two
   * history indicators). The goals (docs/performance.md) are stated at 1,000,000.
   */
  storeEvents: number;
  /** Runs of the rebuild, ours and the baseline each (a rebuild of a million events takes minutes). */
  rebuildRuns: number;
  /** Restarts of each store (the large one and the seed-only one), alternating. */
  restartRuns: number;
  /** Events of the two indicators whose history is queried. */
  historySmall: number;
  historyLarge: number;
  /**
   * Measured requests per run, after `latencyWarmup` requests that are reported apart as the cold
   * start. The warm-up is long because both sides compile while it runs: the service's request path,
   * and the client, a fresh process per series (whose first few hundred requests alone were slower than the goal).
   */
  historyRequestsSmall: number;
  historyRequestsLarge: number;
  latencyWarmup: number;
  listRequests: number;
  listSeconds: number;
  /** The audit log's date window: one run of this many requests after this many to warm up. */
  auditWindowRequests: number;
  auditWindowWarmup: number;
  /** Live lag: commands per second, seconds measured per run after a warm-up at the same rate. */
  lagRate: number;
  lagSeconds: number;
  lagWarmupSeconds: number;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

export function benchSettings(): BenchSettings {
  const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';
  const runs = envNumber('BENCH_RUNS') ?? (quick ? 2 : 3);
  if (quick) {
    return {
      quick,
      runs,
      appendCount: 2_000,
      appendStreams: 2_000,
      commandCount: 500,
      httpConnections: 50,
      httpSeconds: 3,
      frameworkSeconds: 2,
      frameworkRuns: runs,
      storeEvents: 50_000,
      rebuildRuns: 1,
      restartRuns: 2,
      historySmall: 1_000,
      historyLarge: 5_000,
      historyRequestsSmall: 300,
      historyRequestsLarge: 300,
      latencyWarmup: 100,
      listRequests: 300,
      listSeconds: 2,
      auditWindowRequests: 100,
      auditWindowWarmup: 20,
      lagRate: 500,
      lagSeconds: 4,
      lagWarmupSeconds: 2,
    };
  }
  return {
    quick,
    runs,
    appendCount: 10_000,
    appendStreams: 10_000,
    commandCount: 2_000,
    httpConnections: 50,
    httpSeconds: 10,
    frameworkSeconds: 3,
    frameworkRuns: envNumber('BENCH_RUNS') ?? 2,
    storeEvents: 1_000_000,
    rebuildRuns: envNumber('BENCH_RUNS') ?? 2,
    restartRuns: runs,
    historySmall: 1_000,
    historyLarge: 10_000,
    historyRequestsSmall: 1000,
    historyRequestsLarge: 1000,
    latencyWarmup: 1000,
    listRequests: 1_000,
    listSeconds: 5,
    // Each request took over a second at a million events: 50 measured (their p99 is their maximum).
    auditWindowRequests: 50,
    auditWindowWarmup: 5,
    lagRate: 500,
    lagSeconds: 20,
    lagWarmupSeconds: 5,
  };
}

export function selected(name: string): boolean {
  const only = process.env.BENCH_ONLY;
  if (!only) return true;
  return only.split(',').some((word) => word.trim() !== '' && name.includes(word.trim()));
}
