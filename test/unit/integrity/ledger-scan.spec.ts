/**
 * scanLedger reads and verifies the whole ledger; on SQLite every read is synchronous underneath, so
 * it must hand the event loop a turn between slices or the service answers nothing while it runs.
 */
import type { EventStore, ReadAllOptions } from '../../../src/event-store/event-store.port';
import { scanLedger, verifyChainInSlices } from '../../../src/integrity/ledger-scan';
import type { RecordedEvent } from '../../../src/shared/messages';
import { verifyChain } from '../../../src/integrity/chain-verification';
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

/** Only what the scan reads: the head and pages of the global log. */
function storeOf(events: RecordedEvent[]): EventStore {
  const reader: Pick<EventStore, 'headPosition' | 'readAll'> = {
    headPosition: async () => events[events.length - 1].position,
    readAll: async ({ fromPosition = 0, limit = Infinity }: ReadAllOptions) => events.filter((event) => event.position > fromPosition).slice(0, limit),
  };
  return reader as EventStore;
}

describe('scanLedger', () => {
  it('verifies every stream and lets the event loop turn between slices while it does', async () => {
    const { turns, result: scan } = await turnsWhile(() => scanLedger(storeOf(ledger())));
    expect(scan).toMatchObject({ events: 3000, position: 3000 });
    expect(scan.streams).toHaveLength(30);
    expect(scan.streams.every((stream) => stream.valid && stream.events === 100)).toBe(true);
    // Three full pages read, then about three pages' worth of events verified.
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('lets the event loop turn inside one long stream too, with the verdict of a single pass', async () => {
    const events = history([registered({ indicatorId: 'ind-long' }), ...Array.from({ length: 2499 }, (_, i) => reported(`r-${i}`, 'new_members', '2021-Q1', i, { indicatorId: 'ind-long' }))]);
    const { turns, result: verdict } = await turnsWhile(() => verifyChainInSlices('indicator-ind-long', events));
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(verdict).toEqual(verifyChain('indicator-ind-long', events));
    expect(verdict).toMatchObject({ valid: true, events: 2500 });
  });
});
