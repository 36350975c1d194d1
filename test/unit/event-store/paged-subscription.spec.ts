/** PagedSubscription: when it takes a handed-over batch, when it reads instead, and the bound on what it keeps. */
import { type AppendedBatch, PagedSubscription } from '../../../src/event-store/paged-subscription';
import type { RecordedEvent } from '../../../src/shared/messages';
import { turnsWhile } from '../../support/event-loop-turns';

function recorded(position: number): RecordedEvent {
  return {
    type: 'Tested',
    data: { position },
    metadata: {} as RecordedEvent['metadata'],
    streamId: 's',
    revision: position - 1,
    position,
  };
}

/** A log in memory that counts its reads and lets the test decide which appends are handed over. */
class FakeLog {
  readonly events: RecordedEvent[] = [];
  readonly reads: number[] = [];
  private readonly listeners = new Set<(appended: AppendedBatch) => void>();

  readPage(afterPosition: number, limit: number): RecordedEvent[] {
    this.reads.push(afterPosition);
    return this.events.filter((event) => event.position > afterPosition).slice(0, limit);
  }

  onAppended(wake: (appended: AppendedBatch) => void): () => void {
    this.listeners.add(wake);
    return () => this.listeners.delete(wake);
  }

  /** Stores `count` events; hands them over as an in-process append would, unless `quietly` (another process). */
  append(count: number, quietly = false): void {
    const first = this.events.length + 1;
    const batch = Array.from({ length: count }, (_, i) => recorded(first + i));
    this.events.push(...batch);
    if (quietly) return;
    const appended: AppendedBatch = { firstPosition: first, lastPosition: first + count - 1, events: () => batch.map((e) => ({ ...e })) };
    for (const wake of [...this.listeners]) wake(appended);
  }
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<number[]> {
  const positions: number[] = [];
  while (positions.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`ended after ${positions.length} of ${count}`);
    positions.push(next.value.position);
  }
  return positions;
}

describe('PagedSubscription hand-over', () => {
  const open: PagedSubscription[] = [];
  const subscribe = (log: FakeLog, from: number, maxHandedOverEvents = 100) => {
    // A poll far beyond the test timeout: only appends and reads can deliver.
    const subscription = new PagedSubscription(log, from, { pageSize: 10, pollIntervalMs: 10 * 60_000, maxHandedOverEvents });
    open.push(subscription);
    return subscription;
  };

  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
  });

  it('takes a batch that continues where it stands instead of reading it back', async () => {
    const log = new FakeLog();
    log.append(2);
    const iterator = subscribe(log, 0)[Symbol.asyncIterator]();
    expect(await take(iterator, 2)).toEqual([1, 2]);
    const readsWhenCaughtUp = log.reads.length;

    const live = take(iterator, 3);
    log.append(1);
    log.append(2);
    expect(await live).toEqual([3, 4, 5]);
    expect(log.reads.length).toBe(readsWhenCaughtUp);
  });

  it('reads from the log when a handed-over batch leaves a gap (another process appended in between)', async () => {
    const log = new FakeLog();
    const iterator = subscribe(log, 0)[Symbol.asyncIterator]();
    const live = take(iterator, 4);
    log.append(1);
    log.append(1, true);
    log.append(2);
    expect(await live).toEqual([1, 2, 3, 4]);
    expect(log.reads).toContain(1);
  });

  it('catches up by reading, then drops the batches that reading already delivered', async () => {
    const log = new FakeLog();
    log.append(3, true);
    const subscription = subscribe(log, 0);
    log.append(2);
    expect(await take(subscription[Symbol.asyncIterator](), 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps at most the bound for a slow consumer and reads the rest back, in order and once each', async () => {
    const log = new FakeLog();
    const iterator = subscribe(log, 0, 3)[Symbol.asyncIterator]();
    const first = iterator.next();
    log.append(1);
    expect((await first).value?.position).toBe(1);
    // The consumer is busy: four batches (five events) pile up against a bound of three.
    log.append(2);
    log.append(1);
    log.append(1);
    log.append(1);
    const readsBefore = log.reads.length;
    expect(await take(iterator, 5)).toEqual([2, 3, 4, 5, 6]);
    expect(log.reads.length).toBeGreaterThan(readsBefore);
  });

  it('never keeps a batch larger than the bound', async () => {
    const log = new FakeLog();
    const iterator = subscribe(log, 0, 2)[Symbol.asyncIterator]();
    const live = take(iterator, 3);
    log.append(3);
    expect(await live).toEqual([1, 2, 3]);
    expect(log.reads.length).toBe(2);
  });

  it('lets the event loop run between full pages, so a long backlog does not hold up requests', async () => {
    const log = new FakeLog();
    log.append(95, true);
    const iterator = subscribe(log, 0)[Symbol.asyncIterator]();
    // Stands for an HTTP request arriving while the backlog is read: it needs a turn of the event loop.
    const { turns, result: positions } = await turnsWhile(() => take(iterator, 95));
    expect(positions).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    // Ten pages of ten: a turn after each of the nine full ones, at the least.
    expect(turns).toBeGreaterThanOrEqual(9);
  });
});
