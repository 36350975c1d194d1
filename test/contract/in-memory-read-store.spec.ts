import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { ReadDocument } from '../../src/read-store/read-store.port';
import {
  DuplicateKeyError,
  IndexConflictError,
  InvalidDocumentError,
  InvalidQueryError,
  ReadStoreClosedError,
  UnsafeQueryError,
} from '../../src/read-store/read-store.errors';
import { InvalidInputError } from '../../src/shared/errors';
import { describeReadStoreContract } from './read-store.contract';

describeReadStoreContract('in memory (mingo)', () => new InMemoryReadStore());

interface Report extends ReadDocument {
  indicatorId: string;
  metric: string;
  period: string;
  value?: number | null;
}

const report = (id: string, indicatorId: string, metric: string, period: string): Report => ({
  _id: id,
  indicatorId,
  metric,
  period,
});

const UNIQUE_PER_PERIOD = { key: { indicatorId: 1, metric: 1, period: 1 } as const, name: 'indicator_metric_period', unique: true };

describe('InMemoryReadStore, beyond the contract', () => {
  let store: InMemoryReadStore;
  beforeEach(() => {
    store = new InMemoryReadStore();
  });
  const reports = () => store.collection<Report>('reports');

  describe('unique indexes', () => {
    beforeEach(async () => {
      await reports().createIndexes([UNIQUE_PER_PERIOD]);
      await reports().replaceMany([report('r1', 'ind-1', 'grdp', '2021-Q1')]);
    });

    it('refuses a second document with the same key, and writes none of the batch', async () => {
      const write = reports().replaceMany([report('r2', 'ind-1', 'grdp', '2021-Q2'), report('r3', 'ind-1', 'grdp', '2021-Q1')]);
      await expect(write).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(write).rejects.toMatchObject({ code: 'DUPLICATE_KEY', indexName: 'indicator_metric_period', documentIds: ['r1', 'r3'] });
      expect(await reports().countDocuments({})).toBe(1);
    });

    it('lets a document be replaced under its own key, and a key be freed and taken in one batch', async () => {
      await reports().replaceMany([{ ...report('r1', 'ind-1', 'grdp', '2021-Q1'), value: 5 }]);
      await reports().replaceMany([report('r1', 'ind-1', 'grdp', '2021-Q2'), report('r2', 'ind-1', 'grdp', '2021-Q1')]);
      expect(await reports().countDocuments({})).toBe(2);
    });

    it('refuses a commit that breaks the index, leaving documents and checkpoint as they were', async () => {
      await store.commit(new Map(), { name: 'p', position: 5 });
      const writes = new Map<string, ReadDocument[]>([
        ['other', [{ _id: 'o1' }]],
        ['reports', [report('r9', 'ind-1', 'grdp', '2021-Q1')]],
      ]);
      await expect(store.commit(writes, { name: 'p', position: 6 })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.loadCheckpoint('p')).toBe(5);
      expect(await store.collection('other').countDocuments({})).toBe(0);
      expect(await reports().countDocuments({})).toBe(1);
    });

    it('keys with numbers: 1 and "1" differ, 0 and -0 collide, a number freed by a move can be taken, in single and compound indexes', async () => {
      interface Entry extends ReadDocument {
        position: number | string;
        streamId: string;
        revision: number | string;
      }
      const entries = store.collection<Entry>('entries');
      await entries.createIndexes([
        { key: { position: 1 }, name: 'position', unique: true },
        { key: { streamId: 1, revision: 1 }, name: 'stream_revision', unique: true },
      ]);
      await entries.replaceMany([{ _id: 'e1', position: 1, streamId: 's-1', revision: 0 }]);
      await entries.replaceMany([{ _id: 'e2', position: '1', streamId: 's-1', revision: '0' }]);
      await expect(entries.replaceMany([{ _id: 'e3', position: 2, streamId: 's-1', revision: -0 }])).rejects.toMatchObject({ indexName: 'stream_revision', documentIds: ['e1', 'e3'] });
      await expect(entries.replaceMany([{ _id: 'e3', position: 1, streamId: 's-2', revision: 0 }])).rejects.toMatchObject({ indexName: 'position', documentIds: ['e1', 'e3'] });
      // e1 moves to position 3 and revision 1: its old keys are free for the next single write.
      await entries.replaceMany([{ _id: 'e1', position: 3, streamId: 's-1', revision: 1 }]);
      await entries.replaceMany([{ _id: 'e3', position: 1, streamId: 's-1', revision: 0 }]);
      await expect(entries.replaceMany([{ _id: 'e4', position: 3, streamId: 's-9', revision: 9 }])).rejects.toMatchObject({ indexName: 'position', documentIds: ['e1', 'e4'] });
      await entries.deleteMany({ _id: 'e1' });
      await entries.replaceMany([{ _id: 'e4', position: 3, streamId: 's-1', revision: 1 }]);
      expect(await entries.countDocuments({})).toBe(3);
    });

    it('treats missing fields as null, as MongoDB does', async () => {
      await store.collection('units').createIndexes([{ key: { code: 1 }, name: 'code', unique: true }]);
      await store.collection('units').replaceMany([{ _id: 'u1' }]);
      await expect(store.collection('units').replaceMany([{ _id: 'u2' }])).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('indexes each element of an array field', async () => {
      const units = store.collection<ReadDocument & { responsibleFor: string[] }>('units');
      await units.createIndexes([{ key: { responsibleFor: 1 }, name: 'responsibleFor', unique: true }]);
      await units.replaceMany([{ _id: 'u1', responsibleFor: ['a', 'b', 'b'] }]);
      await expect(units.replaceMany([{ _id: 'u2', responsibleFor: ['c', 'b'] }])).rejects.toBeInstanceOf(DuplicateKeyError);
      await units.replaceMany([{ _id: 'u2', responsibleFor: ['c', 'd'] }]);
      expect(await units.countDocuments({})).toBe(2);
    });

    it('refuses to build a unique index the stored documents already break', async () => {
      await reports().replaceMany([report('r2', 'ind-2', 'jobs', '2021')]);
      await reports().replaceMany([report('r3', 'ind-2', 'jobs', '2021-Q4')]);
      const byMetric = { key: { indicatorId: 1, metric: 1 } as const, name: 'indicator_metric', unique: true };
      await expect(reports().createIndexes([byMetric])).rejects.toBeInstanceOf(DuplicateKeyError);
      // Not recorded: the same documents are still accepted.
      await reports().replaceMany([report('r4', 'ind-2', 'jobs', '2022')]);
    });

    it('refuses to redefine an index under a name already in use', async () => {
      await reports().createIndexes([UNIQUE_PER_PERIOD]);
      await expect(reports().createIndexes([{ ...UNIQUE_PER_PERIOD, unique: false }])).rejects.toBeInstanceOf(IndexConflictError);
    });

    it('keeps indexes through a reset', async () => {
      await store.reset(['reports'], 'p');
      await reports().replaceMany([report('r1', 'ind-1', 'grdp', '2021-Q1')]);
      await expect(reports().replaceMany([report('r2', 'ind-1', 'grdp', '2021-Q1')])).rejects.toBeInstanceOf(DuplicateKeyError);
    });
  });

  describe('unsafe queries', () => {
    beforeEach(async () => {
      await reports().replaceMany([report('r1', 'ind-1', 'grdp', '2021-Q1')]);
    });

    it.each([
      ['$where with a string', { $where: 'this.metric === "grdp"' }],
      ['$where with a function', { $where: () => true }],
      ['$where nested in $or', { $or: [{ metric: 'x' }, { $where: 'true' }] }],
      ['$function inside $expr', { $expr: { $function: { body: 'return true', args: [], lang: 'js' } } }],
      ['a __proto__ key from JSON', JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>],
      ['a constructor key', { constructor: { name: 'Object' } }],
      ['a dotted path through prototype', { 'metric.prototype.x': 1 }],
      ['a prototype set by an object literal', { __proto__: { metric: 'grdp' } } as Record<string, unknown>],
    ])('refuses %s in a filter, on every read and delete', async (_label, filter) => {
      for (const run of [
        () => reports().find(filter),
        () => reports().findOne(filter),
        () => reports().countDocuments(filter),
        () => reports().deleteMany(filter),
      ]) {
        await expect(run()).rejects.toBeInstanceOf(UnsafeQueryError);
      }
      expect(await reports().countDocuments({})).toBe(1);
    });

    it('reports where the refused key is', async () => {
      await expect(reports().find({ $and: [{ metric: 'grdp' }, { $where: 'true' }] })).rejects.toMatchObject({
        code: 'UNSAFE_QUERY',
        path: '$and.1.$where',
      });
    });

    it.each([
      ['$accumulator in $group', [{ $group: { _id: null, x: { $accumulator: { init: 'function(){}' } } } }]],
      ['$function in $project', [{ $project: { x: { $function: { body: 'return 1', args: [], lang: 'js' } } } }]],
      ['$where in $match', [{ $match: { $where: 'true' } }]],
      ['$out', [{ $out: 'reports_copy' }]],
      ['$merge', [{ $merge: { into: 'reports' } }]],
      ['a field path through constructor', [{ $project: { c: '$constructor.name' } }]],
    ])('refuses %s in a pipeline', async (_label, pipeline) => {
      await expect(reports().aggregate(pipeline)).rejects.toBeInstanceOf(UnsafeQueryError);
    });

    it('refuses prototype keys in sort and projection', async () => {
      await expect(reports().find({}, { sort: { 'a.__proto__': 1 } })).rejects.toBeInstanceOf(UnsafeQueryError);
      await expect(reports().find({}, { projection: JSON.parse('{"constructor": 1}') as Record<string, 1> })).rejects.toBeInstanceOf(UnsafeQueryError);
    });

    it('still accepts ordinary operators, dates and regular expressions', async () => {
      expect(await reports().countDocuments({ metric: { $regex: /^gr/ }, period: { $nin: [new Date(0)] } })).toBe(1);
    });
  });

  describe('malformed queries', () => {
    it('turns the query language rejecting a query into InvalidQueryError (a 400)', async () => {
      const unknownOperator = reports().find({ metric: { $frobnicate: 1 } });
      await expect(unknownOperator).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(unknownOperator).rejects.toBeInstanceOf(InvalidInputError);
      await expect(reports().aggregate([{ $frobnicate: {} }])).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('refuses a negative or fractional skip or limit', async () => {
      await expect(reports().find({}, { skip: -1 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(reports().find({}, { limit: 1.5 })).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });

  describe('documents', () => {
    it('stores undefined as null, as the MongoDB driver does, so { field: null } matches on both', async () => {
      await reports().replaceMany([{ ...report('r1', 'ind-1', 'grdp', '2021'), value: undefined }]);
      expect(await reports().findOne({ _id: 'r1' })).toEqual({ ...report('r1', 'ind-1', 'grdp', '2021'), value: null });
      expect(await reports().countDocuments({ value: null })).toBe(1);
    });

    it('refuses a document without a string _id, or one that cannot be copied', async () => {
      await expect(reports().replaceMany([{ indicatorId: 'x' } as unknown as Report])).rejects.toBeInstanceOf(InvalidDocumentError);
      const withFunction = { ...report('r1', 'ind-1', 'grdp', '2021'), compute: () => 1 } as unknown as Report;
      await expect(reports().replaceMany([withFunction])).rejects.toBeInstanceOf(InvalidDocumentError);
      expect(await reports().countDocuments({})).toBe(0);
    });
  });

  describe('lifecycle', () => {
    it('starts a checkpoint it has never seen at 0 and refuses a negative one', async () => {
      expect(await store.loadCheckpoint('never')).toBe(0);
      await expect(store.commit(new Map(), { name: 'p', position: -1 })).rejects.toBeInstanceOf(InvalidDocumentError);
    });

    it('refuses every use after close', async () => {
      const handle = reports();
      await store.close();
      await expect(handle.find({})).rejects.toBeInstanceOf(ReadStoreClosedError);
      await expect(handle.replaceMany([report('r1', 'i', 'm', '2021')])).rejects.toBeInstanceOf(ReadStoreClosedError);
      await expect(store.loadCheckpoint('p')).rejects.toBeInstanceOf(ReadStoreClosedError);
      await expect(store.commit(new Map(), { name: 'p', position: 1 })).rejects.toBeInstanceOf(ReadStoreClosedError);
    });
  });
});
