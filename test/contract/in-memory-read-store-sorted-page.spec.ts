/**
 * Sorted pages the in-memory store chooses itself (src/read-store/sorted-page.ts) must be exactly
 * the pages mingo's own sort gives, compared here with mingo directly.
 */
import fc from 'fast-check';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { findDocuments } from '../../src/read-store/mingo-query';
import type { ReadDocument } from '../../src/read-store/read-store.port';

const ids = (documents: readonly ReadDocument[]) => documents.map((document) => document._id);

describe('InMemoryReadStore sorted pages chosen without sorting every match (against mingo itself)', () => {
  type Doc = ReadDocument & Record<string, unknown>;
  // Few values, so ties on every field are common; odd values make the store leave the sort to mingo.
  const strings = fc.constantFrom('ind-01', 'ind-02', 'ind-10', 'Ind-02', 'ind-02 ', 'chỉ tiêu', '');
  const numbers = fc.constantFrom(0, -0, 1, 2.5, -3, 10);
  const odd = fc.constantFrom<unknown>(undefined, null, true, ['ind-01'], { v: 1 }, Number.NaN, 'ind-01', 1);
  const value = (plain: fc.Arbitrary<unknown>, oddOnes: boolean) => (oddOnes ? fc.oneof({ weight: 12, arbitrary: plain }, odd) : plain);
  const documents = fc.boolean().chain((oddOnes) =>
    fc.array(fc.record({ a: value(strings, oddOnes), b: value(numbers, oddOnes), c: value(strings, oddOnes), keep: fc.boolean() }), { minLength: 0, maxLength: 60 }),
  );
  const sorts = fc.constantFrom<Record<string, 1 | -1>>({ a: 1 }, { a: -1 }, { b: 1, a: -1 }, { a: 1, b: -1, c: 1 }, { c: -1, _id: 1 }, { 'n.a': 1 }, { b: -1 });
  const filters = fc.constantFrom<Record<string, unknown>>({}, { keep: true }, { a: { $gte: 'ind-02' } }, { keep: false, b: { $lt: 3 } });

  it('gives exactly the page mingo gives, or leaves the sort to mingo (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(documents, sorts, filters, fc.nat(8), fc.constantFrom(0, 1, 5, 30), async (rows, sort, filter, skip, limit) => {
        const docs: Doc[] = rows.map((row, i) => {
          const doc: Doc = { _id: `d${String(i).padStart(2, '0')}`, keep: row.keep, n: { a: row.a } };
          for (const field of ['a', 'b', 'c'] as const) if (row[field] !== undefined) doc[field] = row[field];
          return doc;
        });
        const store = new InMemoryReadStore();
        const collection = store.collection<Doc>('c');
        await collection.replaceMany(docs);
        const expected = ids(findDocuments(docs, filter, { sort, skip, limit }) as Doc[]);
        expect(ids(await collection.find(filter, { sort, skip, limit }))).toEqual(expected);
      }),
      { seed: 20261129, numRuns: 600 },
    );
  });
});
