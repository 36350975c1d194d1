/** The indexes created on MongoDB at start come from the projections' own declarations. */
import { ALL_PROJECTIONS } from '../../../projections';
import { indexPlan, toMongoIndexSpec } from '../../../src/read-store/mongo/index-specs';

describe('read model indexes on MongoDB', () => {
  const plan = indexPlan(ALL_PROJECTIONS);
  const specs = (collection: string) => (plan.get(collection) ?? []).map(toMongoIndexSpec);

  it('covers every collection a projection writes', () => {
    expect([...plan.keys()].sort()).toEqual([...new Set(ALL_PROJECTIONS.map((projection) => projection.collection))].sort());
    expect([...plan.keys()]).toEqual(expect.arrayContaining(['indicator_history', 'indicators', 'progress_reports', 'units']));
  });

  it('makes indicator_history unique on indicator and revision, the audit trail’s key', () => {
    expect(specs('indicator_history')).toContainEqual({ key: { indicatorId: 1, revision: 1 }, name: 'indicatorId_1_revision_1', unique: true });
  });

  it('indexes indicators on group, kind, unit, target status and number, none of them unique', () => {
    expect(specs('indicators')).toEqual([
      { key: { group: 1 }, name: 'group_1' },
      { key: { kind: 1 }, name: 'kind_1' },
      { key: { responsibleUnitId: 1 }, name: 'responsibleUnitId_1' },
      { key: { 'targets.status': 1 }, name: 'targets.status_1' },
      { key: { number: 1 }, name: 'number_1' },
    ]);
  });

  it('makes progress_reports unique per indicator, metric and period', () => {
    expect(specs('progress_reports')).toContainEqual({ key: { indicatorId: 1, metric: 1, period: 1 }, name: 'indicatorId_1_metric_1_period_1', unique: true });
  });

  it('keeps the key order of compound indexes', () => {
    expect(Object.keys(toMongoIndexSpec({ key: { b: 1, a: -1 }, name: 'b_a' }).key as Record<string, number>)).toEqual(['b', 'a']);
  });

  it('refuses two projections declaring one index name differently in the same collection', () => {
    const base = ALL_PROJECTIONS[0];
    const clash = { ...base, indexes: [{ ...base.indexes[0], unique: true }] };
    expect(() => indexPlan([base, clash])).toThrow(/declared twice/);
  });
});
