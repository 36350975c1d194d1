/**
 * What every implementation of AuditLogReadModel answers: the entries of the whole ledger within the
 * timeline bounds, by global position either way (recorded times tie; positions never do), paged,
 * with the total.
 */
import fc from 'fast-check';
import { auditLogProjection } from '../../../projections/audit-log';
import type { Page, TimelineBounds } from '../../../src/audit/timeline/timeline-filter';
import { AuditLogReadModel } from '../../../src/read-models/audit-log/audit-log.read-model';
import { inspector } from '../../projections/inspection-events';
import type { StoreTarget } from '../read-model-store-targets';
import { LEDGER_HEAD, seedActor } from './contract-ledger';
import { bounds, NO_BOUNDS, pageOf, passesTimeline, sortedBy } from './reference';
import { itStoresTheDocumentsAsProjected, PROPERTY_RUNS, servedReadModel } from './served-read-model';
import { boundsArbitrary, pageArbitrary } from './timeline-arbitraries';

export function describeAuditLogContract(target: StoreTarget): void {
  describe(`AuditLogReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, auditLogProjection, AuditLogReadModel);
    const entries = served.documents;
    const expected = (filter: TimelineBounds, page: Page) =>
      pageOf(
        sortedBy(
          entries.filter((entry) => passesTimeline(entry, filter)),
          [[(entry) => entry.position, page.order]],
        ),
        page,
      );
    // An instant three events share (the ledger records them in threes).
    const tied = entries.find((entry) => entries.filter((other) => other.recordedAt === entry.recordedAt).length === 3)!.recordedAt;

    itStoresTheDocumentsAsProjected(served);

    it('lists the whole ledger by global position, newest or oldest first', async () => {
      expect(entries).toHaveLength(LEDGER_HEAD);
      const desc = await served.queries.page(NO_BOUNDS, { limit: 1000, offset: 0, order: 'desc' });
      expect(desc.items.map((entry) => entry.position)).toEqual(Array.from({ length: LEDGER_HEAD }, (_, i) => LEDGER_HEAD - i));
      expect(desc).toEqual(expected(NO_BOUNDS, { limit: 1000, offset: 0, order: 'desc' }));
      const asc = await served.queries.page(NO_BOUNDS, { limit: 1000, offset: 0, order: 'asc' });
      expect(asc.items).toEqual([...desc.items].reverse());
    });

    it('orders entries recorded at the same instant by position, and keeps both ends of a date window', async () => {
      const page = await served.queries.page(bounds({ from: tied, to: tied }), { limit: 10, offset: 0, order: 'asc' });
      expect(page.total).toBe(3);
      const positions = page.items.map((entry) => entry.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      const desc = await served.queries.page(bounds({ from: tied, to: tied }), { limit: 10, offset: 0, order: 'desc' });
      expect(desc.items).toEqual([...page.items].reverse());
    });

    describe('each bound alone', () => {
      const cases: Array<[string, Partial<TimelineBounds>]> = [
        ['from an instant, inclusive', { from: tied }],
        ['to an instant, inclusive', { to: tied }],
        ['from after to: nothing', { from: '2021-12-31T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' }],
        ['after a position, exclusive', { afterPosition: 40 }],
        ['before a position, exclusive', { beforePosition: 40 }],
        ['before the first position: nothing', { beforePosition: 1 }],
        ['after the last position: nothing', { afterPosition: LEDGER_HEAD }],
        ['one type', { types: ['UnitRegistered'] }],
        ['types of every stream', { types: ['ResolutionRegistered', 'UnitDeactivated', 'ReportQueryClosed'] }],
        ['an actor', { actor: inspector.id }],
        ['an actor acting for no unit', { actor: seedActor.id }],
        ['an unknown actor: nothing', { actor: 'nobody' }],
        ['a unit', { unit: 'phong-kinh-te' }],
        ['an unknown unit: nothing', { unit: 'no-such-unit' }],
      ];
      it.each(cases)('%s', async (name, partial) => {
        for (const order of ['asc', 'desc'] as const) {
          const page = { limit: 1000, offset: 0, order };
          const answer = await served.queries.page(bounds(partial), page);
          expect(answer).toEqual(expected(bounds(partial), page));
          if (!name.endsWith('nothing')) expect(answer.total).toBeGreaterThan(0);
          else expect(answer.total).toBe(0);
        }
      });
    });

    it('answers every combination of bounds and any page as the reference does', async () => {
      await fc.assert(
        fc.asyncProperty(boundsArbitrary(entries), pageArbitrary, async (filter, page) => {
          expect(await served.queries.page(filter, page)).toEqual(expected(filter, page));
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('pages a newest-first listing by a position cursor without repeats', async () => {
      const seen: number[] = [];
      let cursor: number | null = null;
      // Bounded: a cursor that included its own position would page forever.
      for (let pages = 0; pages <= LEDGER_HEAD / 10 + 1; pages += 1) {
        const page = await served.queries.page(bounds({ beforePosition: cursor }), { limit: 10, offset: 0, order: 'desc' });
        if (page.items.length === 0) break;
        seen.push(...page.items.map((entry) => entry.position));
        cursor = page.items[page.items.length - 1].position;
      }
      expect(seen).toEqual(Array.from({ length: LEDGER_HEAD }, (_, i) => LEDGER_HEAD - i));
    });
  });
}
