/**
 * The in-memory store narrows equality queries on indexed fields and checks unique keys without
 * rescanning the collection (src/read-store/collection-lookup.ts). These tests pin down that the
 * shortcuts answer exactly what a full scan answers, through writes that move, free and delete keys.
 */
import { DuplicateKeyError } from '../../src/read-store/read-store.errors';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { ReadDocument } from '../../src/read-store/read-store.port';

interface Entry extends ReadDocument {
  indicatorId?: string | number;
  revision?: number;
  tags?: string[];
}

const ids = (documents: readonly ReadDocument[]) => documents.map((document) => document._id);

describe('InMemoryReadStore lookups', () => {
  let store: InMemoryReadStore;
  const entries = () => store.collection<Entry>('entries');
  beforeEach(async () => {
    store = new InMemoryReadStore();
    await entries().createIndexes([
      { key: { indicatorId: 1, revision: 1 }, name: 'indicator_revision', unique: true },
      { key: { tags: 1 }, name: 'tags' },
    ]);
  });

  it('answers an indexed equality like a scan, in natural order, after a document moves to another key', async () => {
    await entries().replaceMany([
      { _id: 'a', indicatorId: 'ind-1', revision: 0 },
      { _id: 'b', indicatorId: 'ind-2', revision: 0 },
      { _id: 'c', indicatorId: 'ind-1', revision: 1 },
    ]);
    // A first query builds the equality map; the move below must then keep it in step and in order.
    expect(ids(await entries().find({ indicatorId: 'ind-2' }))).toEqual(['b']);
    await entries().replaceMany([{ _id: 'a', indicatorId: 'ind-2', revision: 1 }]);

    expect(ids(await entries().find({ indicatorId: 'ind-2' }))).toEqual(['a', 'b']);
    // `$eq` is not narrowed: the scan must agree with the narrowed answer.
    expect(ids(await entries().find({ indicatorId: { $eq: 'ind-2' } }))).toEqual(['a', 'b']);
    expect(ids(await entries().find({ indicatorId: 'ind-1' }))).toEqual(['c']);
    expect(await entries().countDocuments({ indicatorId: 'ind-2' })).toBe(2);
    expect((await entries().findOne({ indicatorId: 'ind-2', revision: 0 }))?._id).toBe('b');
  });

  it('applies the rest of the filter, sort and limit to the narrowed documents', async () => {
    await entries().replaceMany([
      { _id: 'x2', indicatorId: 'ind-1', revision: 2 },
      { _id: 'x0', indicatorId: 'ind-1', revision: 0 },
      { _id: 'x1', indicatorId: 'ind-1', revision: 1 },
      { _id: 'y0', indicatorId: 'ind-9', revision: 0 },
    ]);
    expect(ids(await entries().find({ indicatorId: 'ind-1' }, { sort: { revision: 1 } }))).toEqual(['x0', 'x1', 'x2']);
    expect(ids(await entries().find({ indicatorId: 'ind-1', revision: { $gte: 1 } }, { sort: { revision: -1 }, limit: 1 }))).toEqual(['x2']);
    expect(await entries().find({ indicatorId: 'ind-404' })).toEqual([]);
  });

  it('keeps types apart: 1 does not find "1"', async () => {
    await entries().replaceMany([
      { _id: 'n', indicatorId: 1, revision: 0 },
      { _id: 's', indicatorId: '1', revision: 0 },
    ]);
    expect(ids(await entries().find({ indicatorId: 1 }))).toEqual(['n']);
    expect(ids(await entries().find({ indicatorId: '1' }))).toEqual(['s']);
  });

  it('finds array elements (multikey) and forgets the ones a replacement drops', async () => {
    // Distinct indicatorIds: documents missing both fields of the unique index would collide on null.
    await entries().replaceMany([{ _id: 'u1', indicatorId: 'u1', tags: ['x', 'y'] }, { _id: 'u2', indicatorId: 'u2', tags: ['y'] }]);
    expect(ids(await entries().find({ tags: 'y' }))).toEqual(['u1', 'u2']);
    await entries().replaceMany([{ _id: 'u1', indicatorId: 'u1', tags: ['z'] }]);
    expect(ids(await entries().find({ tags: 'y' }))).toEqual(['u2']);
    expect(ids(await entries().find({ tags: 'z' }))).toEqual(['u1']);
  });

  it('frees unique keys on delete, on reset and when a document takes another key', async () => {
    await entries().replaceMany([{ _id: 'r1', indicatorId: 'ind-1', revision: 0 }]);
    await expect(entries().replaceMany([{ _id: 'r2', indicatorId: 'ind-1', revision: 0 }])).rejects.toBeInstanceOf(DuplicateKeyError);

    await entries().deleteMany({ _id: 'r1' });
    await entries().replaceMany([{ _id: 'r2', indicatorId: 'ind-1', revision: 0 }]);
    expect(ids(await entries().find({ indicatorId: 'ind-1' }))).toEqual(['r2']);

    await entries().replaceMany([{ _id: 'r2', indicatorId: 'ind-1', revision: 5 }]);
    await entries().replaceMany([{ _id: 'r3', indicatorId: 'ind-1', revision: 0 }]);
    await expect(entries().replaceMany([{ _id: 'r4', indicatorId: 'ind-1', revision: 5 }])).rejects.toBeInstanceOf(DuplicateKeyError);

    await store.reset(['entries'], 'p');
    expect(await entries().find({ indicatorId: 'ind-1' })).toEqual([]);
    await entries().replaceMany([{ _id: 'r4', indicatorId: 'ind-1', revision: 5 }]);
    expect(ids(await entries().find({ indicatorId: 'ind-1' }))).toEqual(['r4']);
  });

  it('narrows on an index created after the documents were written', async () => {
    const late = store.collection<Entry>('late');
    await late.replaceMany([{ _id: 'p', indicatorId: 'ind-1' }, { _id: 'q', indicatorId: 'ind-2' }]);
    await late.createIndexes([{ key: { indicatorId: 1 }, name: 'indicator' }]);
    await late.replaceMany([{ _id: 'r', indicatorId: 'ind-1' }]);
    expect(ids(await late.find({ indicatorId: 'ind-1' }))).toEqual(['p', 'r']);
  });
});

describe('InMemoryReadStore lookups on two indexed fields', () => {
  it('builds both equality maps from every stored document, the first time one query uses both', async () => {
    const store = new InMemoryReadStore();
    const reports = store.collection<ReadDocument & { unitId: string; period: string }>('reports');
    await reports.createIndexes([
      { key: { unitId: 1 }, name: 'unitId' },
      { key: { period: 1 }, name: 'period' },
    ]);
    await reports.replaceMany([
      { _id: 'a', unitId: 'u1', period: '2021-Q1' },
      { _id: 'b', unitId: 'u1', period: '2021-Q2' },
      { _id: 'c', unitId: 'u2', period: '2021-Q2' },
    ]);
    expect(ids(await reports.find({ unitId: 'u1', period: '2021-Q2' }))).toEqual(['b']);
    expect(await reports.countDocuments({ period: '2021-Q2', unitId: 'u2' })).toBe(1);
  });
});
