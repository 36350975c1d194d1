/**
 * How big and how long each workload is. `BENCH_QUICK=1` scales everything down for a run of a
 * minute or two while developing; the full run stays under 10 minutes on 2 cores.
 * `BENCH_RUNS` overrides the number of runs per workload, `BENCH_ONLY` runs the workloads whose
 * name contains one of its comma-separated words.
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
  /** Total events of the small and large rebuild datasets. */
  rebuildSmall: number;
  rebuildLarge: number;
  /**
   * Runs at the large size: each is a full replay of a million events, about a minute, so two by
   * default (their median is their mean); three would take the whole run past 10 minutes on a fresh machine.
   */
  rebuildLargeRuns: number;
  /** Total events of the two stores the history queries run on (both hold the two history indicators). */
  historyStoreSmall: number;
  historyStoreLarge: number;
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
  /** Events in the store at start-up. */
  startupEvents: number;
  listRequests: number;
  listSeconds: number;
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
      rebuildSmall: 20_000,
      rebuildLarge: 100_000,
      rebuildLargeRuns: 1,
      historyStoreSmall: 10_000,
      historyStoreLarge: 20_000,
      historySmall: 1_000,
      historyLarge: 5_000,
      historyRequestsSmall: 300,
      historyRequestsLarge: 100,
      latencyWarmup: 100,
      startupEvents: 20_000,
      listRequests: 300,
      listSeconds: 2,
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
    rebuildSmall: 100_000,
    rebuildLarge: 1_000_000,
    rebuildLargeRuns: envNumber('BENCH_RUNS') ?? 2,
    historyStoreSmall: 20_000,
    historyStoreLarge: 100_000,
    historySmall: 1_000,
    historyLarge: 10_000,
    historyRequestsSmall: 1000,
    historyRequestsLarge: 300,
    latencyWarmup: 2000,
    startupEvents: 100_000,
    listRequests: 1_000,
    listSeconds: 5,
  };
}

export function selected(name: string): boolean {
  const only = process.env.BENCH_ONLY;
  if (!only) return true;
  return only.split(',').some((word) => word.trim() !== '' && name.includes(word.trim()));
}
