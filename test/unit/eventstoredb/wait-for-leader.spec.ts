/**
 * Start-up waits for an EventStoreDB leader within a bound: election failures are waited out and
 * logged, anything waiting cannot fix fails at once, and the bound holds even for an attempt the
 * client never finishes. The clock and the pauses are simulated, except in the hanging-attempt case.
 */
import { EventStoreNoLeaderError, EventStoreNotReadyError } from '../../../src/event-store/eventstoredb/eventstoredb.errors';
import { isLeaderProbe, waitForLeader, type LeaderProbe } from '../../../src/event-store/eventstoredb/wait-for-leader';
import { StoreUnavailableError } from '../../../src/shared/errors';

const noLeader = () => new EventStoreNoLeaderError('readAll', 'discovery-failed', 'Failed to discover after 10 attempts.');

/** A probe that fails with the given errors in turn, then answers. */
function probeFailing(...failures: Error[]): LeaderProbe & { calls: number } {
  const probe = {
    calls: 0,
    async checkLeader(): Promise<void> {
      const failure = failures[probe.calls];
      probe.calls += 1;
      if (failure) throw failure;
    },
  };
  return probe;
}

function simulatedTime() {
  let now = 0;
  const lines: Array<{ level: 'log' | 'warn'; message: string }> = [];
  return {
    options: {
      retryDelayMs: 1000,
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
      logger: { log: (message: string) => lines.push({ level: 'log', message }), warn: (message: string) => lines.push({ level: 'warn', message }) },
    },
    lines,
  };
}

describe('waiting for an EventStoreDB leader at start', () => {
  it('returns at once, silently, when the leader answers the first time', async () => {
    const { options, lines } = simulatedTime();
    const probe = probeFailing();
    await waitForLeader(probe, { ...options, timeoutMs: 60_000 });
    expect(probe.calls).toBe(1);
    expect(lines).toEqual([]);
  });

  it('waits out failed discoveries, logging each attempt and the election', async () => {
    const { options, lines } = simulatedTime();
    const probe = probeFailing(noLeader(), noLeader());
    await waitForLeader(probe, { ...options, timeoutMs: 60_000 });
    expect(probe.calls).toBe(3);
    expect(lines.map((line) => line.level)).toEqual(['warn', 'warn', 'log']);
    expect(lines[0].message).toMatch(/^Waiting for EventStoreDB to elect a leader: attempt 1 failed \(.*Failed to discover after 10 attempts\..*\); retrying in 1000 ms, giving up 60000 ms after the first attempt$/);
    expect(lines[2].message).toBe('EventStoreDB has an elected leader; starting (attempt 3, after 2000 ms)');
  });

  it('gives up with EventStoreNotReadyError once the bound is reached, carrying the last failure', async () => {
    const { options } = simulatedTime();
    const last = noLeader();
    const probe = probeFailing(noLeader(), noLeader(), noLeader(), last);
    const error = await waitForLeader(probe, { ...options, timeoutMs: 3500 }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(EventStoreNotReadyError);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', attempts: 4, waitedMs: 3000, cause: last });
    expect((error as Error).message).toContain('EVENTSTORE_STARTUP_TIMEOUT_MS');
    expect(probe.calls).toBe(4);
  });

  it('makes a single attempt when the bound is 0', async () => {
    const { options } = simulatedTime();
    const probe = probeFailing(noLeader());
    await expect(waitForLeader(probe, { ...options, timeoutMs: 0 })).rejects.toBeInstanceOf(EventStoreNotReadyError);
    expect(probe.calls).toBe(1);
  });

  it.each([
    ['refused credentials', new StoreUnavailableError('EVENT_STORE_UNAVAILABLE', 'refused', { reason: 'access-denied' })],
    ['a defect', new TypeError('bug')],
  ])('does not wait out %s: waiting cannot fix it', async (_, failure) => {
    const { options, lines } = simulatedTime();
    const probe = probeFailing(failure);
    await expect(waitForLeader(probe, { ...options, timeoutMs: 60_000 })).rejects.toBe(failure);
    expect(probe.calls).toBe(1);
    expect(lines).toEqual([]);
  });

  it('bounds an attempt the client never finishes (discovery ignores call deadlines)', async () => {
    const hanging: LeaderProbe = { checkLeader: () => new Promise<void>(() => undefined) };
    const error = await waitForLeader(hanging, { timeoutMs: 50, retryDelayMs: 1000, logger: { log: () => undefined, warn: () => undefined } }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(EventStoreNotReadyError);
    expect((error as Error).message).toMatch(/no answer within the \d+ ms left of the start-up wait/);
  });

  it('applies to stores that can check for a leader only', () => {
    expect(isLeaderProbe(probeFailing())).toBe(true);
    expect(isLeaderProbe({ ping: async () => undefined })).toBe(false);
    expect(isLeaderProbe(null)).toBe(false);
  });
});
