/** The report list: views without storage fields, in indicator, metric and period order, filtered as asked. */
import { applyAll } from '../../../projections/apply';
import { progressReportsProjection } from '../../../projections/progress-reports';
import { readModelOn } from '../../../src/infrastructure/read-model-providers';
import { ListProgressReportsHandler, ListProgressReportsQuery } from '../../../src/progress-reports/list-progress-reports';
import { ProgressReportsReadModel } from '../../../src/read-models/progress-reports/progress-reports.read-model';
import { ReadModelAvailability } from '../../../src/read-models/read-model-availability';
import { history } from '../../support/events';
import { storedReadModel } from '../../support/read-model-store';
import { corrected, reported } from '../../projections/indicator-events';

describe('ListProgressReportsHandler', () => {
  it('answers views without storage fields, in indicator, metric and period order', async () => {
    const events = history([reported('r2', 'new_members', '2021-Q2', 230), reported('r1', 'new_members', '2021-Q1', 120), corrected('r1', 'new_members', '2021-Q1', 120, 125)]);
    const { store } = await storedReadModel(progressReportsProjection, [...applyAll(progressReportsProjection, events).values()], 3);
    const handler = new ListProgressReportsHandler(readModelOn(ProgressReportsReadModel, store, new ReadModelAvailability()));

    const first = await handler.execute(new ListProgressReportsQuery({}));
    expect(first.total).toBe(2);
    expect(first.items.map((item) => [item.reportId, item.period, item.value, item.correctionCount])).toEqual([
      ['r1', '2021-Q1', 125, 1],
      ['r2', '2021-Q2', 230, 0],
    ]);
    for (const item of first.items) {
      expect(item).not.toHaveProperty('_id');
      expect(item).not.toHaveProperty('lastPosition');
    }
    const q2 = await handler.execute(new ListProgressReportsQuery({ period: '2021-Q2', limit: 1 }));
    expect(q2).toEqual({ items: [expect.objectContaining({ reportId: 'r2' })], total: 1 });
    await store.close();
  });
});
