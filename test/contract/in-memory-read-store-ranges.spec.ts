/**
 * Ranges on a single-field index (src/read-store/sorted-field.ts) and the walk's fallback to sorted
 * candidates: every find, page and count must answer what a collection without indexes answers.
 */
import fc from 'fast-check';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { IndexDefinition, ReadDocument } from '../../src/read-store/read-store.port';

const ids = (documents: readonly ReadDocument[]) => documents.map((document) => document._id);

describe('InMemoryReadStore ranges on a single-field index (dates as strings, with ties) against a full scan', () => {
  type Doc = ReadDocument & Record<string, unknown>;
  const INDEXES: IndexDefinition[] = [
    { key: { position: 1 }, name: 'position' },
    { key: { recordedAt: 1 }, name: 'recordedAt' },
    { key: { type: 1 }, name: 'type' },
  ];
  const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
  // Values a range cannot place (arrays, an object, NaN) or that no range matches (null, a boolean,
  // a missing field), and a number among strings.
  const ODD_VALUES = [undefined, null, true, 4, ['2026-03'], [['2026-04']], { at: '2026-05' }, Number.NaN];

  /** A few hundred entries (enough for a page to walk the order), each month a run of positions when `clustered`. */
  const collection = fc.record({
    size: fc.integer({ min: 150, max: 320 }),
    clustered: fc.boolean(),
    odd: fc.option(fc.nat(ODD_VALUES.length - 1), { nil: undefined }),
    seed: fc.nat(),
  });
  const bound = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...MONTHS, '2026-04x', '2025', '2027') }, fc.constantFrom(3, 5));
  const range = fc
    .record({ lower: fc.option(bound), lowerInclusive: fc.boolean(), upper: fc.option(bound), upperInclusive: fc.boolean() })
    .filter(({ lower, upper }) => lower !== null || upper !== null)
    .map(({ lower, lowerInclusive, upper, upperInclusive }) => ({
      ...(lower === null ? {} : { [lowerInclusive ? '$gte' : '$gt']: lower }),
      ...(upper === null ? {} : { [upperInclusive ? '$lte' : '$lt']: upper }),
    }));
  const query = fc.record({
    recordedAt: range,
    // Often alone, so the range is what narrows (and what a walk tests first).
    type: fc.option(fc.constantFrom<unknown>('A', 'B', { $in: ['A', 'C'] }), { nil: undefined, freq: 2 }),
    beforePosition: fc.option(fc.integer({ min: 0, max: 320 }), { nil: undefined, freq: 2 }),
    sort: fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>,
    skip: fc.nat(5),
    limit: fc.constantFrom(0, 1, 20, 100),
  });
  const moves = fc.array(fc.record({ id: fc.nat(319), month: fc.option(fc.nat(MONTHS.length - 1), { nil: undefined }) }), { maxLength: 12 });

  function entries(spec: { size: number; clustered: boolean; odd: number | undefined; seed: number }): Doc[] {
    let state = spec.seed + 1;
    const random = (n: number) => (state = (state * 48271) % 2147483647) % n;
    return Array.from({ length: spec.size }, (_, i) => {
      const month = spec.clustered ? MONTHS[Math.floor((i * MONTHS.length) / spec.size)] : MONTHS[random(MONTHS.length)];
      const recordedAt = spec.odd !== undefined && random(40) === 0 ? ODD_VALUES[spec.odd] : month;
      return { _id: `e${i}`, position: i, ...(recordedAt === undefined ? {} : { recordedAt }), type: ['A', 'B', 'C'][random(3)] };
    });
  }

  it('finds, pages and counts like a collection without indexes, walking or sorting the candidates (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(collection, fc.array(query, { minLength: 1, maxLength: 8 }), moves, async (spec, queries, moved) => {
        const store = new InMemoryReadStore();
        const indexed = store.collection<Doc>('indexed');
        const scan = store.collection<Doc>('scan');
        await indexed.createIndexes(INDEXES);
        const documents = entries(spec);
        for (const target of [indexed, scan]) await target.replaceMany(documents);
        const ask = async () => {
          for (const q of queries) {
            const filter: Record<string, unknown> = { recordedAt: q.recordedAt };
            if (q.type !== undefined) filter.type = q.type;
            if (q.beforePosition !== undefined) filter.position = { $lt: q.beforePosition };
            const options = { sort: { position: q.sort }, skip: q.skip, limit: q.limit };
            expect(ids(await indexed.find(filter, options))).toEqual(ids(await scan.find(filter, options)));
            expect(ids(await indexed.find(filter))).toEqual(ids(await scan.find(filter)));
            expect(await indexed.countDocuments(filter)).toBe(await scan.countDocuments(filter));
            expect(await indexed.countDocuments({ recordedAt: q.recordedAt })).toBe(await scan.countDocuments({ recordedAt: q.recordedAt }));
          }
        };
        await ask();
        // Entries that change month, lose it, or go: the sorted lists follow.
        for (const { id, month } of moved) {
          for (const target of [indexed, scan]) {
            if (id % 5 === 0) await target.deleteMany({ _id: `e${id}` });
            else await target.replaceMany([{ _id: `e${id}`, position: id, ...(month === undefined ? {} : { recordedAt: MONTHS[month] }), type: 'A' }]);
          }
        }
        await ask();
      }),
      { seed: 20261128, numRuns: 150 },
    );
  });

  it('turns from a long walk to the sorted candidates when the matches sit far from the end it starts at', async () => {
    const store = new InMemoryReadStore();
    const indexed = store.collection<Doc>('indexed');
    const scan = store.collection<Doc>('scan');
    await indexed.createIndexes(INDEXES);
    // 400 entries, a month per 50 positions: February is 50 entries, 300 positions from the newest.
    const documents = Array.from({ length: 400 }, (_, i) => ({ _id: `e${i}`, position: i, recordedAt: MONTHS[Math.floor(i / 50)], type: i % 2 ? 'A' : 'B' }));
    for (const target of [indexed, scan]) await target.replaceMany(documents);
    const february = { recordedAt: { $gte: '2026-02', $lt: '2026-03' } };
    const firstHalf = { recordedAt: { $lte: '2026-04' } };
    const fromMarch = { recordedAt: { $gte: '2026-03' } };
    for (const filter of [february, firstHalf, { ...firstHalf, type: 'A' }, fromMarch]) {
      for (const options of [{ sort: { position: -1 as const }, limit: 20 }, { sort: { position: 1 as const }, skip: 3, limit: 20 }, { sort: { position: -1 as const } }]) {
        expect(ids(await indexed.find(filter, options))).toEqual(ids(await scan.find(filter, options)));
      }
      expect(await indexed.countDocuments(filter)).toBe(await scan.countDocuments(filter));
    }
    expect(ids(await indexed.find(february, { sort: { position: -1 }, limit: 2 }))).toEqual(['e99', 'e98']);
    expect(await indexed.countDocuments(february)).toBe(50);
    // A walk from the oldest entry meets March first, the bound itself.
    expect(ids(await indexed.find(fromMarch, { sort: { position: 1 }, limit: 1 }))).toEqual(['e100']);
  });
});
