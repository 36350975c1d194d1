/**
 * The report list reads the in-memory store's shared documents instead of copying a page of them
 * (each report carries its corrections and citations), and gives one frozen view per document.
 */
import { applyAll } from '../../../projections/apply';
import { PROGRESS_REPORTS_COLLECTION, progressReportsProjection } from '../../../projections/progress-reports';
import { ListProgressReportsHandler, ListProgressReportsQuery } from '../../../src/progress-reports/list-progress-reports';
import { InMemoryReadStore } from '../../../src/read-store/in-memory-read-store';
import { history } from '../../support/events';
import { corrected, reported } from '../../projections/indicator-events';

describe('ListProgressReportsHandler', () => {
  it('answers views without storage fields, in indicator, metric and period order, the same frozen objects each time', async () => {
    const readStore = new InMemoryReadStore();
    const events = history([reported('r2', 'new_members', '2021-Q2', 230), reported('r1', 'new_members', '2021-Q1', 120), corrected('r1', 'new_members', '2021-Q1', 120, 125)]);
    const documents = [...applyAll(progressReportsProjection, events).values()];
    await readStore.commit(new Map([[PROGRESS_REPORTS_COLLECTION, documents]]), { name: 'read-models', position: 3 });
    const handler = new ListProgressReportsHandler(readStore);

    const first = await handler.execute(new ListProgressReportsQuery({}));
    expect(first.total).toBe(2);
    expect(first.items.map((item) => [item.reportId, item.period, item.value, item.correctionCount])).toEqual([
      ['r1', '2021-Q1', 125, 1],
      ['r2', '2021-Q2', 230, 0],
    ]);
    for (const item of first.items) {
      expect(item).not.toHaveProperty('_id');
      expect(item).not.toHaveProperty('lastPosition');
      expect(Object.isFrozen(item)).toBe(true);
      expect(Object.isFrozen(item.corrections)).toBe(true);
    }
    const again = await handler.execute(new ListProgressReportsQuery({}));
    expect(again.items[0]).toBe(first.items[0]);
    expect(again.items[1]).toBe(first.items[1]);
  });
});
