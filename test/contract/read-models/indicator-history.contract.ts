/**
 * What every implementation of IndicatorHistoryReadModel answers: one indicator's entries within
 * the timeline bounds (recorded time and global position, both ends as documented; event types;
 * actor; the actor's unit), by revision either way, paged, with the total; every entry for
 * exports; whether an indicator has any history.
 */
import fc from 'fast-check';
import { indicatorHistoryProjection, type IndicatorHistoryEntry } from '../../../projections/indicator-history';
import type { Page, TimelineBounds } from '../../../src/audit/timeline/timeline-filter';
import type { SortOrder } from '../../../src/audit/timeline/timeline-query.dto';
import { IndicatorHistoryReadModel } from '../../../src/read-models/indicator-history/indicator-history.read-model';
import { btcReporter } from '../../projections/inspection-events';
import type { StoreTarget } from '../read-model-store-targets';
import { seedActor } from './contract-ledger';
import { bounds, ids, NO_BOUNDS, pageOf, passesTimeline, sortedBy } from './reference';
import { itStoresTheDocumentsAsProjected, PROPERTY_RUNS, servedReadModel } from './served-read-model';
import { boundsArbitrary, pageArbitrary } from './timeline-arbitraries';

const EVERYTHING = 1000;

export function describeIndicatorHistoryContract(target: StoreTarget): void {
  describe(`IndicatorHistoryReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, indicatorHistoryProjection, IndicatorHistoryReadModel);
    const entries = served.documents;
    const indicatorIds = [...new Set(entries.map((entry) => entry.indicatorId))].sort();
    const timelineOf = (indicatorId: string, filter: TimelineBounds, order: SortOrder) =>
      sortedBy(
        entries.filter((entry) => entry.indicatorId === indicatorId && passesTimeline(entry, filter)),
        [[(entry) => entry.revision, order]],
      );
    const expectedPage = (indicatorId: string, filter: TimelineBounds, page: Page) => pageOf(timelineOf(indicatorId, filter, page.order), page);
    // The indicator with the longest history, and an instant three of the ledger's events share.
    const busiest = indicatorIds.reduce((a, b) => (entries.filter((e) => e.indicatorId === b).length > entries.filter((e) => e.indicatorId === a).length ? b : a));
    const busiestEntries = timelineOf(busiest, NO_BOUNDS, 'asc');
    const middle = busiestEntries[Math.floor(busiestEntries.length / 2)];

    itStoresTheDocumentsAsProjected(served);

    it('answers an indicator’s whole history by revision, oldest or newest first', async () => {
      expect(busiestEntries.length).toBeGreaterThanOrEqual(5);
      const asc = await served.queries.page(busiest, NO_BOUNDS, { limit: EVERYTHING, offset: 0, order: 'asc' });
      expect(asc.items.map((entry) => entry.revision)).toEqual(busiestEntries.map((_, revision) => revision));
      expect(asc).toEqual({ items: busiestEntries, total: busiestEntries.length });
      const desc = await served.queries.page(busiest, NO_BOUNDS, { limit: EVERYTHING, offset: 0, order: 'desc' });
      expect(desc.items).toEqual([...busiestEntries].reverse());
    });

    describe('each bound alone, on every indicator', () => {
      const cases: Array<[string, Partial<TimelineBounds>]> = [
        ['from an instant, inclusive', { from: middle?.recordedAt }],
        ['to an instant, inclusive', { to: middle?.recordedAt }],
        ['from and to the same instant', { from: middle?.recordedAt, to: middle?.recordedAt }],
        ['from after to: nothing', { from: '2021-12-31T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' }],
        ['after a position, exclusive', { afterPosition: middle?.position }],
        ['before a position, exclusive', { beforePosition: middle?.position }],
        ['between two positions', { afterPosition: 20, beforePosition: 60 }],
        ['one type', { types: ['ProgressReported'] }],
        ['several types', { types: ['IndicatorRegistered', 'ReportQueried', 'ProgressReportCorrected'] }],
        ['an actor', { actor: btcReporter.id }],
        ['an actor acting for no unit', { actor: seedActor.id }],
        ['an unknown actor', { actor: 'nobody' }],
        ['a unit', { unit: 'ban-to-chuc-thanh-uy' }],
        ['an unknown unit', { unit: 'no-such-unit' }],
      ];
      it.each(cases)('%s', async (_, partial) => {
        const filter = bounds(partial);
        let matched = 0;
        for (const indicatorId of indicatorIds) {
          for (const order of ['asc', 'desc'] as const) {
            const page = { limit: EVERYTHING, offset: 0, order };
            const answer = await served.queries.page(indicatorId, filter, page);
            expect({ indicatorId, order, ids: ids(answer.items), total: answer.total }).toEqual({
              indicatorId,
              order,
              ids: ids(expectedPage(indicatorId, filter, page).items),
              total: expectedPage(indicatorId, filter, page).total,
            });
            expect(answer.items).toEqual(expectedPage(indicatorId, filter, page).items);
            matched += answer.total;
          }
        }
        if (!/nothing|unknown/.test(_)) expect(matched).toBeGreaterThan(0);
      });
    });

    it('answers every combination of bounds and any page as the reference does', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...indicatorIds, 'ind-99'), boundsArbitrary(entries), pageArbitrary, async (indicatorId, filter, page) => {
          expect(await served.queries.page(indicatorId, filter, page)).toEqual(expectedPage(indicatorId, filter, page));
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('pages without a gap or a repeat in either order', async () => {
      for (const order of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        for (let offset = 0; offset < busiestEntries.length + 2; offset += 2) {
          const page = await served.queries.page(busiest, NO_BOUNDS, { limit: 2, offset, order });
          expect(page.total).toBe(busiestEntries.length);
          seen.push(...page.items.map((entry) => entry.revision));
        }
        expect(seen).toEqual(timelineOf(busiest, NO_BOUNDS, order).map((entry) => entry.revision));
      }
    });

    it('gives every entry that passes the bounds, in either order, for exports', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...indicatorIds), boundsArbitrary(entries), fc.constantFrom('asc' as const, 'desc' as const), async (indicatorId, filter, order) => {
          expect(await served.queries.all(indicatorId, filter, order)).toEqual(timelineOf(indicatorId, filter, order));
        }),
        { numRuns: PROPERTY_RUNS / 2 },
      );
    });

    it('answers an unknown indicator with nothing', async () => {
      expect(await served.queries.page('ind-99', NO_BOUNDS, { limit: 10, offset: 0, order: 'asc' })).toEqual({ items: [], total: 0 });
      expect(await served.queries.all('ind-99', NO_BOUNDS, 'asc')).toEqual([]);
    });

    it('says whether an indicator has any history', async () => {
      for (const indicatorId of indicatorIds) expect(await served.queries.exists(indicatorId)).toBe(true);
      expect(await served.queries.exists('ind-99')).toBe(false);
      // A prefix of a real id is another id.
      expect(await served.queries.exists('ind-0')).toBe(false);
    });

    it('keeps what the entries say about the actor and the event', async () => {
      const entry: IndicatorHistoryEntry | undefined = entries.find((e) => e.actor.unitId === null);
      expect(entry).toBeDefined();
      const [found] = (await served.queries.page(entry!.indicatorId, bounds({ afterPosition: entry!.position - 1, beforePosition: entry!.position + 1 }), { limit: 5, offset: 0, order: 'asc' })).items;
      expect(found).toEqual(entry);
    });
  });
}
