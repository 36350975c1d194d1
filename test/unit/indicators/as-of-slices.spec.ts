/**
 * `GET /indicators/{id}?asOf=` replays one stream from the event store. A long stream is folded a
 * slice at a time, with turns of the event loop between: the answer must be the one fold's.
 */
import { indicatorViewFromEvents } from '../../../projections/indicators';
import type { RecordedLedgerEvent } from '../../../src/domain/events';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { GetIndicatorAsOfHandler, GetIndicatorAsOfQuery } from '../../../src/indicators/read/as-of/indicator-as-of.query';
import { toIndicatorView } from '../../../src/indicators/read/indicator-view';
import { history } from '../../support/events';
import { IND, corrected, registered, reported } from '../../projections/indicator-events';
import { turnsWhile } from '../../support/event-loop-turns';

describe('the as-of replay of a long stream', () => {
  // 2,500 events, one a minute from 2021-01-01: reports on fresh periods and corrections of them.
  const events = history([
    registered(),
    ...Array.from({ length: 2499 }, (_, i) =>
      i % 3 === 2 ? corrected(`r-${i - 1}`, 'new_members', `2021-${String(1 + ((i - 1) % 12)).padStart(2, '0')}`, i - 1, i + 7) : reported(`r-${i}`, 'new_members', `2021-${String(1 + (i % 12)).padStart(2, '0')}`, i),
    ),
  ]) as RecordedLedgerEvent[];
  const store = { readStream: async () => events } as unknown as EventStore;

  it('answers what a single fold of the known events answers, letting the event loop turn while it folds', async () => {
    const asOf = new Date(events[2000].metadata.recordedAt);
    const { turns, result: view } = await turnsWhile(() => new GetIndicatorAsOfHandler(store).execute(new GetIndicatorAsOfQuery(IND, asOf)));
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(view).toEqual({ ...toIndicatorView(indicatorViewFromEvents(events.slice(0, 2001))!), asOf: asOf.toISOString() });
    expect(view).toMatchObject({ revision: 2000 });
  });
});
