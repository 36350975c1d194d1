/**
 * Start-up readiness on EventStoreDB: wait, within a bound, until the cluster has an elected
 * leader the client can reach, instead of failing on the first "Failed to discover" while a
 * freshly started or recovering cluster is still electing.
 *
 * Each attempt is one leader-only read (`checkLeader`); the client runs its own gossip discovery
 * inside it (maxDiscoverAttempts × discoveryInterval in the connection string). Discovery ignores
 * call deadlines, so an attempt against members that do not answer can take minutes: the wait
 * races every attempt against what is left of the bound. Only "unavailable" errors are waited out;
 * refused credentials and anything else fail at once, since waiting cannot fix them.
 */
import { StoreUnavailableError } from '../../shared/errors';
import { EventStoreNotReadyError } from './eventstoredb.errors';

export interface LeaderProbe {
  checkLeader(): Promise<void>;
}

export interface WaitForLeaderOptions {
  /** How long to keep trying, from the first attempt. 0 makes one attempt, as long as the client takes. */
  timeoutMs: number;
  /** Pause between attempts. */
  retryDelayMs: number;
  logger: { log(message: string): void; warn(message: string): void };
  /** Injectable for tests: the clock and the pause. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function isLeaderProbe(store: unknown): store is LeaderProbe {
  return typeof (store as Partial<LeaderProbe> | null)?.checkLeader === 'function';
}

export async function waitForLeader(probe: LeaderProbe, options: WaitForLeaderOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  for (let attempt = 1; ; attempt += 1) {
    let failure: Error;
    try {
      await withinBound(probe.checkLeader(), options.timeoutMs === 0 ? null : Math.max(0, started + options.timeoutMs - now()));
      if (attempt > 1) options.logger.log(`EventStoreDB has an elected leader; starting (attempt ${attempt}, after ${now() - started} ms)`);
      return;
    } catch (error) {
      if (!isWorthWaitingFor(error)) throw error;
      failure = error;
    }
    const waited = now() - started;
    if (waited + options.retryDelayMs > options.timeoutMs) throw new EventStoreNotReadyError(attempt, waited, failure);
    options.logger.warn(
      `Waiting for EventStoreDB to elect a leader: attempt ${attempt} failed (${failure.message}); ` +
        `retrying in ${options.retryDelayMs} ms, giving up ${options.timeoutMs} ms after the first attempt`,
    );
    await sleep(options.retryDelayMs);
  }
}

/** Unavailable, no leader, timed out: an election or a restart may end it. Refused credentials will not. */
function isWorthWaitingFor(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError && error.details?.reason !== 'access-denied';
}

/**
 * The attempt, or a StoreUnavailableError once `boundMs` has passed (the attempt's late outcome is
 * dropped). Without a bound (a timeout of 0: one attempt, no waiting) the attempt takes as long as
 * the client does.
 */
async function withinBound(attempt: Promise<void>, boundMs: number | null): Promise<void> {
  if (boundMs === null) return attempt;
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    const reason = `no answer within the ${boundMs} ms left of the start-up wait`;
    timer = setTimeout(() => reject(new StoreUnavailableError('EVENT_STORE_UNAVAILABLE', reason, { reason: 'attempt-timeout' })), boundMs);
  });
  attempt.catch(() => undefined);
  try {
    await Promise.race([attempt, bound]);
  } finally {
    clearTimeout(timer);
  }
}
