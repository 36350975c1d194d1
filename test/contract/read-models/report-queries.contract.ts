/** What every implementation of ReportQueriesReadModel answers: the inspection worklist by status, indicator and unit, the query waiting longest first (ties by id), paged. */
import fc from 'fast-check';
import { REPORT_QUERY_STATUSES, reportQueriesProjection, type ReportQueryDocument } from '../../../projections/report-queries';
import type { Paging } from '../../../src/read-models/paging';
import { ReportQueriesReadModel, type ReportQueryFilter } from '../../../src/read-models/report-queries/report-queries.read-model';
import type { StoreTarget } from '../read-model-store-targets';
import { valuesAndUnknown } from './contract-ledger';
import { ids, pageOf, sortedBy } from './reference';
import { itStoresTheDocumentsAsProjected, PROPERTY_RUNS, servedReadModel } from './served-read-model';

function matches(query: ReportQueryDocument, filter: ReportQueryFilter): boolean {
  return (!filter.status || query.status === filter.status) && (!filter.indicatorId || query.indicatorId === filter.indicatorId) && (!filter.unitId || query.unitId === filter.unitId);
}

const ALL: Paging = { limit: 1000, offset: 0 };

export function describeReportQueriesContract(target: StoreTarget): void {
  describe(`ReportQueriesReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, reportQueriesProjection, ReportQueriesReadModel);
    const expected = (filter: ReportQueryFilter, paging: Paging) =>
      pageOf(
        sortedBy(
          served.documents.filter((query) => matches(query, filter)),
          [
            [(query) => query.raisedAt, 'asc'],
            [(query) => query._id, 'asc'],
          ],
        ),
        paging,
      );
    const statuses = valuesAndUnknown(REPORT_QUERY_STATUSES, 'no-such-status' as never);
    const indicatorIds = valuesAndUnknown(
      served.documents.map((query) => query.indicatorId),
      'ind-99',
    );
    const unitIds = valuesAndUnknown(
      served.documents.map((query) => query.unitId),
      'no-such-unit',
    );

    itStoresTheDocumentsAsProjected(served);

    it('lists the query waiting longest first, queries raised at the same instant by id', async () => {
      const list = await served.queries.list({}, ALL);
      expect(list).toEqual(expected({}, ALL));
      const raisedTogether = served.documents.filter((query) => served.documents.some((other) => other !== query && other.raisedAt === query.raisedAt));
      expect(raisedTogether.length).toBeGreaterThanOrEqual(2);
    });

    describe('each filter alone', () => {
      const single: ReportQueryFilter[] = [...statuses.map((status) => ({ status })), ...indicatorIds.map((indicatorId) => ({ indicatorId })), ...unitIds.map((unitId) => ({ unitId }))];
      it.each(single.map((filter) => [JSON.stringify(filter), filter]))('%s', async (_, filter) => {
        expect(await served.queries.list(filter, ALL)).toEqual(expected(filter, ALL));
      });
      it('finds queries in every status', async () => {
        for (const status of REPORT_QUERY_STATUSES) expect((await served.queries.list({ status }, ALL)).total).toBeGreaterThan(0);
      });
    });

    it('answers every combination of filters and any page as the reference does', async () => {
      const filter = fc.record(
        { status: fc.constantFrom(...statuses), indicatorId: fc.constantFrom(...indicatorIds), unitId: fc.constantFrom(...unitIds) },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(filter, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10 }), async (f, limit, offset) => {
          expect(await served.queries.list(f, { limit, offset })).toEqual(expected(f, { limit, offset }));
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('pages without a gap or a repeat', async () => {
      const seen: string[] = [];
      for (let offset = 0; offset < served.documents.length + 3; offset += 3) {
        const page = await served.queries.list({}, { limit: 3, offset });
        expect(page.total).toBe(served.documents.length);
        seen.push(...ids(page.items));
      }
      expect(seen).toEqual(ids(expected({}, ALL).items));
    });
  });
}
