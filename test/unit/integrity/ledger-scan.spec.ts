/**
 * scanLedger reads and verifies the whole ledger; on SQLite every read is synchronous underneath, so
 * it must hand the event loop a turn between slices or the service answers nothing while it runs.
 * It verifies each stream as the log is read, without keeping it: its verdicts must be those of
 * each stream verified by itself in revision order, whatever was done to the log.
 */
import fc from 'fast-check';
import type { EventStore, ReadAllOptions } from '../../../src/event-store/event-store.port';
import { scanLedger, verifyChainInSlices } from '../../../src/integrity/ledger-scan';
import type { RecordedEvent } from '../../../src/shared/messages';
import { verifyChain, type ChainVerdict } from '../../../src/integrity/chain-verification';
import { history } from '../../support/events';
import { registered, reported } from '../../projections/indicator-events';
import { turnsWhile } from '../../support/event-loop-turns';

/** 30 indicators of 100 events each: 3,000 events, three pages of the scan. */
function ledger(): RecordedEvent[] {
  const events = Array.from({ length: 30 }, (_, n) => {
    const indicatorId = `ind-scan-${n}`;
    return [registered({ indicatorId }), ...Array.from({ length: 99 }, (_, i) => reported(`r-${n}-${i}`, 'new_members', '2021-Q1', i, { indicatorId }))];
  }).flat();
  return history(events);
}

/**
 * Only what the scan reads: the head, pages of the global log in position order, and a stream by
 * itself in revision order (`streamsRead` records which).
 */
function storeOf(events: RecordedEvent[], streamsRead: string[] = []): EventStore {
  const byPosition = [...events].sort((a, b) => a.position - b.position);
  const reader: Pick<EventStore, 'headPosition' | 'readAll' | 'readStream'> = {
    headPosition: async () => byPosition[byPosition.length - 1].position,
    readAll: async ({ fromPosition = 0, limit = Infinity }: ReadAllOptions) => byPosition.filter((event) => event.position > fromPosition).slice(0, limit),
    readStream: async (streamId: string) => {
      streamsRead.push(streamId);
      // Equal revisions (a renumbered event) in no useful order: the scan must order them itself.
      return events.filter((event) => event.streamId === streamId).sort((a, b) => a.revision - b.revision || b.position - a.position);
    },
  };
  return reader as EventStore;
}

/** What the scan must find: every stream's events up to the position, sorted by revision (then position), verified by themselves. */
function verdictsOneByOne(events: readonly RecordedEvent[], position: number): ChainVerdict[] {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of [...events].sort((a, b) => a.position - b.position)) {
    if (event.position > position) continue;
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  return [...byStream.keys()].sort().map((streamId) => verifyChain(streamId, byStream.get(streamId)!.sort((a, b) => a.revision - b.revision || a.position - b.position)));
}

describe('scanLedger', () => {
  it('verifies every stream and lets the event loop turn between slices while it does', async () => {
    const { turns, result: scan } = await turnsWhile(() => scanLedger(storeOf(ledger())));
    expect(scan).toMatchObject({ events: 3000, position: 3000 });
    expect(scan.streams).toHaveLength(30);
    expect(scan.streams.every((stream) => stream.valid && stream.events === 100)).toBe(true);
    // A turn after each page read and verified.
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('keeps no stream in order aside: none is read again by itself', async () => {
    const streamsRead: string[] = [];
    const scan = await scanLedger(storeOf(ledger(), streamsRead));
    expect(scan.streams.every((stream) => stream.valid)).toBe(true);
    expect(streamsRead).toEqual([]);
  });

  it('names the break each stream verified by itself names, whatever was done to the log, and reads only those streams again', async () => {
    // Three streams interleaved; tampering moves positions, deletes events, renumbers or edits one.
    const base = history(
      [0, 1, 2, 3, 4, 5].flatMap((i) => ['a', 'b', 'c'].map((n) => (i === 0 ? registered({ indicatorId: `ind-${n}` }) : reported(`r-${n}-${i}`, 'new_members', '2021-Q1', i, { indicatorId: `ind-${n}` })))),
    );
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('swapPositions' as const), i: fc.nat(base.length - 1), j: fc.nat(base.length - 1) }),
      fc.record({ kind: fc.constant('delete' as const), i: fc.nat(base.length - 1) }),
      fc.record({ kind: fc.constant('renumber' as const), i: fc.nat(base.length - 1), revision: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('edit' as const), i: fc.nat(base.length - 1) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(tamper, { maxLength: 3 }), fc.integer({ min: 1, max: base.length }), async (tampers, upTo) => {
        let events = base.map((event) => ({ ...event }));
        for (const change of tampers) {
          if (change.kind === 'delete') events = events.filter((_, index) => index !== change.i % events.length);
          else if (change.kind === 'swapPositions') {
            const [x, y] = [events[change.i % events.length], events[change.j % events.length]];
            [x.position, y.position] = [y.position, x.position];
          } else if (change.kind === 'renumber') events[change.i % events.length].revision = change.revision;
          else events[change.i % events.length].data = { ...events[change.i % events.length].data, value: -1 } as (typeof events)[number]['data'];
        }
        const streamsRead: string[] = [];
        const scan = await scanLedger(storeOf(events, streamsRead), upTo);
        const expected = verdictsOneByOne(events, upTo);
        expect(scan.streams).toEqual(expected);
        // Only a stream whose events were out of revision order in the log was read by itself.
        for (const streamId of streamsRead) expect(expected.find((verdict) => verdict.streamId === streamId)?.valid).toBe(false);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('lets the event loop turn inside one long stream too, with the verdict of a single pass', async () => {
    const events = history([registered({ indicatorId: 'ind-long' }), ...Array.from({ length: 2499 }, (_, i) => reported(`r-${i}`, 'new_members', '2021-Q1', i, { indicatorId: 'ind-long' }))]);
    const { turns, result: verdict } = await turnsWhile(() => verifyChainInSlices('indicator-ind-long', events));
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(verdict).toEqual(verifyChain('indicator-ind-long', events));
    expect(verdict).toMatchObject({ valid: true, events: 2500 });
  });
});
