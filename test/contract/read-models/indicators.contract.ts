/**
 * What every implementation of IndicatorsReadModel answers, checked against the answer computed
 * from the same documents: the list with each filter alone and all together, paged, in the one list
 * order (kind, number, section, id: nulls first); `get` and `getMany`.
 */
import fc from 'fast-check';
import { indicatorsProjection, type IndicatorDocument } from '../../../projections/indicators';
import { TARGET_STATUSES } from '../../../src/domain/indicator/status';
import { IndicatorsReadModel, type IndicatorFilter } from '../../../src/read-models/indicators/indicators.read-model';
import type { Paging } from '../../../src/read-models/paging';
import type { StoreTarget } from '../read-model-store-targets';
import { GROUPS, RESPONSIBLE_UNITS, valuesAndUnknown } from './contract-ledger';
import { ids, pageOf, sortedBy, type SortKey } from './reference';
import { itStoresTheDocumentsAsProjected, PROPERTY_RUNS, servedReadModel } from './served-read-model';

const LIST_ORDER: readonly SortKey<IndicatorDocument>[] = [
  [(d) => d.kind, 'asc'],
  [(d) => d.number, 'asc'],
  [(d) => d.section, 'asc'],
  [(d) => d._id, 'asc'],
];

function matches(document: IndicatorDocument, filter: IndicatorFilter): boolean {
  return (
    (!filter.group || document.group === filter.group) &&
    (!filter.kind || document.kind === filter.kind) &&
    (!filter.status || document.targets.some((target) => target.status === filter.status)) &&
    (!filter.responsibleUnitId || document.responsibleUnitId === filter.responsibleUnitId) &&
    (!filter.responsibleUnitIn || filter.responsibleUnitIn.includes(document.responsibleUnitId)) &&
    (!filter.responsibleUnitNotIn || !filter.responsibleUnitNotIn.includes(document.responsibleUnitId))
  );
}

const ALL: Paging = { limit: 1000, offset: 0 };

export function describeIndicatorsContract(target: StoreTarget): void {
  describe(`IndicatorsReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, indicatorsProjection, IndicatorsReadModel);
    const expected = (filter: IndicatorFilter, paging: Paging) => pageOf(sortedBy(served.documents.filter((d) => matches(d, filter)), LIST_ORDER), paging);
    const units = valuesAndUnknown(RESPONSIBLE_UNITS, 'no-such-unit');
    const filterArbitrary: fc.Arbitrary<IndicatorFilter> = fc.record(
      {
        group: fc.constantFrom(...valuesAndUnknown(GROUPS, 'no-such-group')),
        kind: fc.constantFrom('indicator', 'task', 'no-such-kind'),
        status: fc.constantFrom(...valuesAndUnknown(TARGET_STATUSES, 'no-such-status')),
        responsibleUnitId: fc.constantFrom(...units),
        responsibleUnitIn: fc.subarray(units),
        responsibleUnitNotIn: fc.subarray(units),
      },
      { requiredKeys: [] },
    );

    itStoresTheDocumentsAsProjected(served);

    it('lists key indicators first by number (none first), then tasks, ties broken by section then id', async () => {
      const page = await served.queries.list({}, ALL);
      expect(ids(page.items)).toEqual([
        'ind-14',
        'ind-01',
        'ind-02',
        'ind-03',
        'ind-04',
        'ind-13',
        'ind-05',
        'ind-12',
        'ind-06',
        'ind-07',
        'ind-08',
        'ind-09',
        'ind-10',
        'ind-11',
        'task-02',
        'task-05',
        'task-07',
        'task-06',
        'task-03',
        'task-08',
        'task-01',
        'task-04',
      ]);
      expect(page).toEqual(expected({}, ALL));
    });

    describe('each filter alone', () => {
      const single: IndicatorFilter[] = [
        ...valuesAndUnknown(GROUPS, 'no-such-group').map((group) => ({ group })),
        { kind: 'indicator' },
        { kind: 'task' },
        ...valuesAndUnknown(TARGET_STATUSES, 'no-such-status').map((status) => ({ status })),
        ...units.map((responsibleUnitId) => ({ responsibleUnitId })),
        { responsibleUnitIn: [] },
        { responsibleUnitIn: ['phong-kinh-te'] },
        { responsibleUnitIn: ['phong-kinh-te', 'phong-giao-duc', 'no-such-unit'] },
        { responsibleUnitNotIn: [] },
        { responsibleUnitNotIn: ['phong-kinh-te'] },
        { responsibleUnitNotIn: ['phong-kinh-te', 'ubnd-thanh-pho', 'ban-to-chuc-thanh-uy'] },
      ];
      it.each(single.map((filter) => [JSON.stringify(filter), filter]))('%s', async (_, filter) => {
        expect(await served.queries.list(filter, ALL)).toEqual(expected(filter, ALL));
      });
    });

    it('matches the status of any target, listing an indicator once even when several of its targets share it', async () => {
      const atRisk = await served.queries.list({ status: 'at_risk' }, ALL);
      const ind11 = served.documents.find((d) => d._id === 'ind-11')!;
      expect(ind11.targets.map((t) => t.status)).toEqual(['at_risk', 'at_risk']);
      expect(ids(atRisk.items).filter((id) => id === 'ind-11')).toEqual(['ind-11']);
      // ind-01 has one target on track and one at risk: it is under both.
      expect(ids(atRisk.items)).toContain('ind-01');
      expect(ids((await served.queries.list({ status: 'on_track' }, ALL)).items)).toContain('ind-01');
      for (const status of TARGET_STATUSES) expect((await served.queries.list({ status }, ALL)).total).toBeGreaterThan(0);
    });

    it('answers every combination of filters and any page as the reference does', async () => {
      await fc.assert(
        fc.asyncProperty(filterArbitrary, fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 25 }), async (filter, limit, offset) => {
          expect(await served.queries.list(filter, { limit, offset })).toEqual(expected(filter, { limit, offset }));
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('pages through the list without a gap or a repeat, the total the same on every page', async () => {
      for (const limit of [1, 3, 7]) {
        const seen: string[] = [];
        for (let offset = 0; offset < served.documents.length + limit; offset += limit) {
          const page = await served.queries.list({ kind: 'indicator' }, { limit, offset });
          expect(page.total).toBe(14);
          expect(page.items.length).toBe(Math.max(0, Math.min(limit, 14 - offset)));
          seen.push(...ids(page.items));
        }
        expect(seen).toEqual(ids(expected({ kind: 'indicator' }, ALL).items));
      }
    });

    it('answers a page past the end with no items and the total', async () => {
      expect(await served.queries.list({ group: 'economy' }, { limit: 10, offset: 500 })).toEqual({ items: [], total: expected({ group: 'economy' }, ALL).total });
    });

    it('gets each indicator by id, and null for an unknown one', async () => {
      for (const document of served.documents) expect(await served.queries.get(document._id)).toEqual(document);
      expect(await served.queries.get('ind-99')).toBeNull();
    });

    it('gets many indicators in list order, each once, skipping unknown ids', async () => {
      expect(await served.queries.getMany([])).toEqual([]);
      expect(await served.queries.getMany(['nobody', 'ind-99'])).toEqual([]);
      const known = served.documents.map((d) => d._id);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...known, 'ind-99', 'task-99'), { maxLength: 12 }), async (wanted) => {
          const reference = sortedBy(
            served.documents.filter((d) => wanted.includes(d._id)),
            LIST_ORDER,
          );
          expect(await served.queries.getMany(wanted)).toEqual(reference);
        }),
        { numRuns: PROPERTY_RUNS / 2 },
      );
    });
  });
}
