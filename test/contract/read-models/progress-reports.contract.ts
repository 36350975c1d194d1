/**
 * What every implementation of ProgressReportsReadModel answers: reports by indicator, unit,
 * period, metric and whether any document backs them, in (indicator, metric, period, id) order,
 * paged; and every report citing a file, wherever it was cited (report, correction, answer), once.
 */
import fc from 'fast-check';
import { progressReportsProjection, type ProgressReportDocument } from '../../../projections/progress-reports';
import type { Paging } from '../../../src/read-models/paging';
import { ProgressReportsReadModel, type ProgressReportFilter } from '../../../src/read-models/progress-reports/progress-reports.read-model';
import { HASH_A, HASH_B } from '../../projections/inspection-events';
import type { StoreTarget } from '../read-model-store-targets';
import { HASH_C, HASH_UNCITED, valuesAndUnknown } from './contract-ledger';
import { ids, pageOf, sortedBy, type SortKey } from './reference';
import { itStoresTheDocumentsAsProjected, PROPERTY_RUNS, servedReadModel } from './served-read-model';

function matches(report: ProgressReportDocument, filter: ProgressReportFilter): boolean {
  return (
    (!filter.indicatorId || report.indicatorId === filter.indicatorId) &&
    (!filter.unitId || report.unitId === filter.unitId) &&
    (!filter.period || report.period === filter.period) &&
    (!filter.metric || report.metric === filter.metric) &&
    (filter.hasEvidence === undefined || report.hasEvidence === filter.hasEvidence)
  );
}

const LIST_ORDER: readonly SortKey<ProgressReportDocument>[] = [
  [(report) => report.indicatorId, 'asc'],
  [(report) => report.metric, 'asc'],
  [(report) => report.period, 'asc'],
  [(report) => report._id, 'asc'],
];

const CITING_ORDER: readonly SortKey<ProgressReportDocument>[] = [
  [(report) => report.indicatorId, 'asc'],
  [(report) => report.period, 'asc'],
  [(report) => report._id, 'asc'],
];

const ALL: Paging = { limit: 1000, offset: 0 };

export function describeProgressReportsContract(target: StoreTarget): void {
  describe(`ProgressReportsReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, progressReportsProjection, ProgressReportsReadModel);
    const reports = served.documents;
    const expected = (filter: ProgressReportFilter, paging: Paging) => pageOf(sortedBy(reports.filter((report) => matches(report, filter)), LIST_ORDER), paging);
    const citing = (sha256: string) => sortedBy(reports.filter((report) => report.evidence.some((cited) => cited.sha256 === sha256)), CITING_ORDER);
    const values = {
      indicatorId: valuesAndUnknown(reports.map((r) => r.indicatorId), 'ind-99'),
      unitId: valuesAndUnknown(reports.map((r) => r.unitId), 'no-such-unit'),
      period: valuesAndUnknown(reports.map((r) => r.period), '2021-Q3'),
      metric: valuesAndUnknown(reports.map((r) => r.metric), 'no_such_metric'),
    };

    itStoresTheDocumentsAsProjected(served);

    it('lists reports by indicator, metric, period and id', async () => {
      expect(await served.queries.list({}, ALL)).toEqual(expected({}, ALL));
    });

    describe('each filter alone', () => {
      const single: ProgressReportFilter[] = [
        ...values.indicatorId.map((indicatorId) => ({ indicatorId })),
        ...values.unitId.map((unitId) => ({ unitId })),
        ...values.period.map((period) => ({ period })),
        ...values.metric.map((metric) => ({ metric })),
        { hasEvidence: true },
        { hasEvidence: false },
      ];
      it.each(single.map((filter) => [JSON.stringify(filter), filter]))('%s', async (_, filter) => {
        expect(await served.queries.list(filter, ALL)).toEqual(expected(filter, ALL));
      });
      it('tells reports with evidence from reports without, both present', async () => {
        expect((await served.queries.list({ hasEvidence: true }, ALL)).total).toBeGreaterThan(0);
        expect((await served.queries.list({ hasEvidence: false }, ALL)).total).toBeGreaterThan(0);
      });
    });

    it('answers every combination of filters and any page as the reference does', async () => {
      const filter = fc.record(
        {
          indicatorId: fc.constantFrom(...values.indicatorId),
          unitId: fc.constantFrom(...values.unitId),
          period: fc.constantFrom(...values.period),
          metric: fc.constantFrom(...values.metric),
          hasEvidence: fc.boolean(),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(filter, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 25 }), async (f, limit, offset) => {
          expect(await served.queries.list(f, { limit, offset })).toEqual(expected(f, { limit, offset }));
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('pages without a gap or a repeat', async () => {
      const seen: string[] = [];
      for (let offset = 0; offset < reports.length + 4; offset += 4) {
        const page = await served.queries.list({}, { limit: 4, offset });
        expect(page.total).toBe(reports.length);
        seen.push(...ids(page.items));
      }
      expect(seen).toEqual(ids(expected({}, ALL).items));
    });

    it('finds every report citing a file, by indicator, period and id, each once', async () => {
      const byA = await served.queries.citing(HASH_A);
      expect(byA).toEqual(citing(HASH_A));
      expect(byA.length).toBeGreaterThanOrEqual(3);
      // rep-001 cites HASH_A with the report and again in an answer to a query about it.
      expect(reports.find((r) => r._id === 'rep-001')!.evidence.filter((e) => e.sha256 === HASH_A).map((e) => e.citedIn)).toEqual(['report', 'query_answer']);
      expect(ids(byA).filter((id) => id === 'rep-001')).toEqual(['rep-001']);
      // Two reports of one indicator and period: the id decides.
      expect(ids(byA).slice(0, 2)).toEqual(['rep-001', 'rep-002']);
    });

    it('finds a file cited once, cited by a correction, or by nothing', async () => {
      expect(await served.queries.citing(HASH_B)).toEqual(citing(HASH_B));
      expect(await served.queries.citing(HASH_B)).toHaveLength(1);
      const byC = await served.queries.citing(HASH_C);
      expect(byC).toEqual(citing(HASH_C));
      expect(byC[0].evidence.find((e) => e.sha256 === HASH_C)?.citedIn).toBe('correction');
      expect(await served.queries.citing(HASH_UNCITED)).toEqual([]);
    });
  });
}
