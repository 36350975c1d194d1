/**
 * Pages sorted on several fields walk a whole-collection order kept in step with every write
 * (src/read-store/compound-order.ts). Whatever writes, deletes and queries come in whatever order,
 * each page must be exactly the page mingo's own sort gives over the same documents.
 */
import fc from 'fast-check';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { findDocuments } from '../../src/read-store/mingo-query';
import type { Filter, ReadDocument, SortSpec } from '../../src/read-store/read-store.port';

type Doc = ReadDocument & Record<string, unknown>;

const ids = (documents: readonly ReadDocument[]) => documents.map((document) => document._id);

// Few values, so documents share first fields often; odd values make the order decline to mingo.
const strings = fc.constantFrom('ind-01', 'ind-02', 'ind-10', 'Ind-02', 'chỉ tiêu', '');
const numbers = fc.constantFrom(0, 1, 2.5, -3, 10);
const odd = fc.constantFrom<unknown>(undefined, null, true, ['ind-01'], { v: 1 }, Number.NaN, 7);
const value = (plain: fc.Arbitrary<unknown>) => fc.oneof({ weight: 15, arbitrary: plain }, odd);

const write = fc.record({ id: fc.integer({ min: 0, max: 14 }), a: value(strings), b: value(strings), c: value(numbers), keep: fc.boolean() });
const query = fc.record({
  sort: fc.constantFrom<SortSpec>(
    { a: 1, b: 1 },
    { a: -1, b: -1 },
    { a: 1, b: -1 },
    { a: 1, c: 1, _id: 1 },
    { a: -1, c: -1, _id: -1 },
    { a: 1, c: 1 },
    { b: 1, a: 1 },
  ),
  filter: fc.constantFrom<Filter>({}, { keep: true }, { a: 'ind-02' }, { b: { $gte: 'ind-02' } }, { keep: false, c: { $lt: 3 } }),
  skip: fc.nat(6),
  limit: fc.constantFrom(0, 1, 3, 20),
});
const step = fc.oneof(
  { weight: 4, arbitrary: fc.array(write, { minLength: 1, maxLength: 8 }).map((writes) => ({ kind: 'write' as const, writes })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 14 }).map((id) => ({ kind: 'delete' as const, id })) },
  { weight: 3, arbitrary: query.map((read) => ({ kind: 'query' as const, read })) },
);

describe('InMemoryReadStore pages sorted on several fields (against mingo itself)', () => {
  it('gives exactly the page mingo gives, while documents are written, replaced and deleted between queries (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const store = new InMemoryReadStore();
        const collection = store.collection<Doc>('c');
        await collection.createIndexes([
          { key: { a: 1, b: 1 }, name: 'a_b', unique: true },
          { key: { a: 1, c: 1 }, name: 'a_c' },
        ]);
        const stored = new Map<string, Doc>();
        for (const next of steps) {
          if (next.kind === 'delete') {
            await collection.deleteMany({ _id: `d${String(next.id).padStart(2, '0')}` });
            stored.delete(`d${String(next.id).padStart(2, '0')}`);
          } else if (next.kind === 'write') {
            const batch = next.writes.map(({ id, ...fields }) => {
              const doc: Doc = { _id: `d${String(id).padStart(2, '0')}`, keep: fields.keep };
              for (const field of ['a', 'b', 'c'] as const) if (fields[field] !== undefined) doc[field] = fields[field];
              return doc;
            });
            // A batch that breaks the unique index is refused whole; the model keeps what the store keeps.
            const written = await collection.replaceMany(batch).then(
              () => true,
              () => false,
            );
            if (written) for (const doc of batch) stored.set(doc._id, doc);
          } else {
            const { sort, filter, skip, limit } = next.read;
            const expected = ids(findDocuments(await collection.find({}), filter, { sort, skip, limit }) as Doc[]);
            expect(ids(await collection.find(filter, { sort, skip, limit }))).toEqual(expected);
          }
          expect(await collection.countDocuments({})).toBe(stored.size);
        }
        await store.close();
      }),
      { seed: 20261129, numRuns: 400 },
    );
  });
});
