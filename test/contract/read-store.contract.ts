/**
 * The behaviour every ReadStore adapter must show, written against the port only: the in-memory
 * store runs it always, the MongoDB store wherever MONGODB_URI points at a server.
 *
 * Each test starts by resetting the collections it uses, so a factory may hand out a store on a
 * shared database. Queries that return several documents sort by a unique key: MongoDB promises
 * no order otherwise.
 */
import type { IndexDefinition, ReadDocument, ReadStore } from '../../src/read-store/read-store.port';

export interface Item extends ReadDocument {
  group: string;
  number: number;
  tags: string[];
  unit: { id: string; name: string };
  targets: Array<{ metric: string; value: number }>;
}

const ITEMS = 'contract_items';
const UNITS = 'contract_units';
const CHECKPOINT = 'contract_projection';
const OTHER_CHECKPOINT = 'contract_other_projection';

const item = (id: string, group: string, number: number, tags: string[], unitId: string, targets: Item['targets']): Item => ({
  _id: id,
  group,
  number,
  tags,
  unit: { id: unitId, name: `Unit ${unitId}` },
  targets,
});

export const SAMPLE_ITEMS: readonly Item[] = [
  item('i1', 'economy', 1, ['growth', 'budget'], 'ubnd', [{ metric: 'grdp', value: 9 }]),
  item('i2', 'economy', 2, ['budget'], 'ubnd', [
    { metric: 'revenue', value: 3 },
    { metric: 'grdp', value: 12 },
  ]),
  item('i3', 'society', 3, ['health'], 'so-y-te', [{ metric: 'insurance', value: 95 }]),
  // A "grdp" target and a value >= 10, but on different targets: $elemMatch must not match it.
  item('i4', 'society', 4, [], 'so-y-te', [
    { metric: 'grdp', value: 2 },
    { metric: 'jobs', value: 50 },
  ]),
  item('i5', 'party', 5, ['growth'], 'ban-to-chuc', []),
];

const ids = (documents: readonly ReadDocument[]): string[] => documents.map((document) => document._id);

export function describeReadStoreContract(name: string, createStore: () => ReadStore | Promise<ReadStore>): void {
  describe(`ReadStore contract: ${name}`, () => {
    let store: ReadStore;

    beforeEach(async () => {
      store = await createStore();
      await store.reset([ITEMS, UNITS], CHECKPOINT);
      await store.reset([], OTHER_CHECKPOINT);
      await store.collection<Item>(ITEMS).replaceMany(SAMPLE_ITEMS);
    });

    afterEach(async () => {
      await store.close();
    });

    const items = () => store.collection<Item>(ITEMS);

    describe('find', () => {
      it('returns every document for an empty filter', async () => {
        expect(ids(await items().find({}, { sort: { _id: 1 } }))).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
      });

      it('returns whole documents as they were written', async () => {
        expect(await items().find({ _id: 'i2' })).toEqual([SAMPLE_ITEMS[1]]);
      });

      it('filters with $in', async () => {
        expect(ids(await items().find({ group: { $in: ['society', 'party'] } }, { sort: { _id: 1 } }))).toEqual(['i3', 'i4', 'i5']);
      });

      it('filters with $gte and $lt on one field', async () => {
        expect(ids(await items().find({ number: { $gte: 2, $lt: 4 } }, { sort: { _id: 1 } }))).toEqual(['i2', 'i3']);
      });

      it('matches a scalar against array elements', async () => {
        expect(ids(await items().find({ tags: 'growth' }, { sort: { _id: 1 } }))).toEqual(['i1', 'i5']);
      });

      it('follows dotted paths into sub-documents', async () => {
        expect(ids(await items().find({ 'unit.id': 'so-y-te' }, { sort: { _id: 1 } }))).toEqual(['i3', 'i4']);
      });

      it('requires every $elemMatch condition to hold on the same array element', async () => {
        const filter = { targets: { $elemMatch: { metric: 'grdp', value: { $gte: 10 } } } };
        expect(ids(await items().find(filter))).toEqual(['i2']);
        // Without $elemMatch the conditions may hold on different elements: i4 matches too.
        const loose = { 'targets.metric': 'grdp', 'targets.value': { $gte: 10 } };
        expect(ids(await items().find(loose, { sort: { _id: 1 } }))).toEqual(['i2', 'i4']);
      });

      it('returns nothing when nothing matches', async () => {
        expect(await items().find({ group: 'culture' })).toEqual([]);
      });

      it('sorts descending, and by several keys in order', async () => {
        expect(ids(await items().find({}, { sort: { number: -1 } }))).toEqual(['i5', 'i4', 'i3', 'i2', 'i1']);
        expect(ids(await items().find({}, { sort: { group: 1, number: -1 } }))).toEqual(['i2', 'i1', 'i5', 'i4', 'i3']);
      });

      it('sorts before it skips and limits', async () => {
        expect(ids(await items().find({}, { sort: { number: -1 }, skip: 1, limit: 2 }))).toEqual(['i4', 'i3']);
        expect(ids(await items().find({}, { sort: { number: 1 }, skip: 4, limit: 10 }))).toEqual(['i5']);
        expect(await items().find({}, { sort: { number: 1 }, skip: 5 })).toEqual([]);
      });

      it('reads limit 0 as no limit', async () => {
        expect(await items().find({}, { limit: 0 })).toHaveLength(5);
      });

      it('projects included fields, keeping _id unless excluded', async () => {
        expect(await items().find({ _id: 'i3' }, { projection: { group: 1, 'unit.id': 1 } })).toEqual([
          { _id: 'i3', group: 'society', unit: { id: 'so-y-te' } },
        ]);
        expect(await items().find({ _id: 'i3' }, { projection: { _id: 0, number: 1 } })).toEqual([{ number: 3 }]);
      });

      it('projects by excluding fields', async () => {
        expect(await items().find({ _id: 'i5' }, { projection: { targets: 0, unit: 0, tags: 0 } })).toEqual([
          { _id: 'i5', group: 'party', number: 5 },
        ]);
      });
    });

    describe('findOne and countDocuments', () => {
      it('finds one matching document, or null', async () => {
        expect(await items().findOne({ number: 4 })).toEqual(SAMPLE_ITEMS[3]);
        expect(await items().findOne({ number: 40 })).toBeNull();
      });

      it('counts matching documents', async () => {
        expect(await items().countDocuments({})).toBe(5);
        expect(await items().countDocuments({ group: 'economy' })).toBe(2);
        expect(await items().countDocuments({ tags: { $size: 0 } })).toBe(1);
        expect(await store.collection(UNITS).countDocuments({})).toBe(0);
      });
    });

    describe('aggregate', () => {
      it('groups, accumulates and sorts', async () => {
        const result = await items().aggregate([
          { $match: { number: { $gte: 1 } } },
          { $group: { _id: '$group', count: { $sum: 1 }, total: { $sum: '$number' }, ids: { $push: '$_id' } } },
          { $sort: { _id: 1 } },
        ]);
        expect(result).toEqual([
          { _id: 'economy', count: 2, total: 3, ids: ['i1', 'i2'] },
          { _id: 'party', count: 1, total: 5, ids: ['i5'] },
          { _id: 'society', count: 2, total: 7, ids: ['i3', 'i4'] },
        ]);
      });

      it('unwinds arrays and projects computed fields', async () => {
        const result = await items().aggregate([
          { $unwind: '$targets' },
          { $match: { 'targets.metric': 'grdp' } },
          { $project: { _id: 0, id: '$_id', value: '$targets.value', big: { $gte: ['$targets.value', 10] } } },
          { $sort: { id: 1 } },
        ]);
        expect(result).toEqual([
          { id: 'i1', value: 9, big: false },
          { id: 'i2', value: 12, big: true },
          { id: 'i4', value: 2, big: false },
        ]);
      });

      it('counts, skips and limits', async () => {
        expect(await items().aggregate([{ $match: { group: 'economy' } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
        const page = await items().aggregate<ReadDocument>([{ $sort: { number: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }]);
        expect(ids(page)).toEqual(['i2', 'i3']);
      });

      it('joins another collection with $lookup', async () => {
        await store.collection<ReadDocument & { name: string }>(UNITS).replaceMany([
          { _id: 'ubnd', name: 'UBND Thành phố' },
          { _id: 'so-y-te', name: 'Sở Y tế' },
        ]);
        const result = await items().aggregate([
          { $match: { _id: { $in: ['i1', 'i5'] } } },
          { $lookup: { from: UNITS, localField: 'unit.id', foreignField: '_id', as: 'units' } },
          { $project: { _id: 1, units: 1 } },
          { $sort: { _id: 1 } },
        ]);
        expect(result).toEqual([
          { _id: 'i1', units: [{ _id: 'ubnd', name: 'UBND Thành phố' }] },
          { _id: 'i5', units: [] },
        ]);
      });

      it('leaves stored documents untouched when a stage adds fields', async () => {
        await items().aggregate([{ $addFields: { 'unit.extra': 1, added: true } }]);
        expect(await items().findOne({ _id: 'i1' })).toEqual(SAMPLE_ITEMS[0]);
      });
    });

    describe('writes', () => {
      it('replaceMany inserts new documents and replaces existing ones whole', async () => {
        const withoutTargets = { _id: 'i1', group: 'culture', number: 1, tags: [], unit: SAMPLE_ITEMS[0].unit } as unknown as Item;
        const added = item('i6', 'culture', 6, ['new'], 'ubnd', []);
        await items().replaceMany([withoutTargets as Item, added]);

        expect(await items().countDocuments({})).toBe(6);
        // A replacement, not a merge: the field the new version lacks is gone.
        expect(await items().findOne({ _id: 'i1' })).toEqual(withoutTargets);
        expect(await items().findOne({ _id: 'i6' })).toEqual(added);
      });

      it('replaceMany with no documents changes nothing', async () => {
        await items().replaceMany([]);
        expect(await items().countDocuments({})).toBe(5);
      });

      it('replaceMany keeps the last of two versions of one _id', async () => {
        await items().replaceMany([{ ...SAMPLE_ITEMS[2], number: 30 }, { ...SAMPLE_ITEMS[2], number: 31 }]);
        expect((await items().findOne({ _id: 'i3' }))?.number).toBe(31);
        expect(await items().countDocuments({})).toBe(5);
      });

      it('deleteMany removes the matching documents and says how many', async () => {
        expect(await items().deleteMany({ group: 'society' })).toBe(2);
        expect(ids(await items().find({}, { sort: { _id: 1 } }))).toEqual(['i1', 'i2', 'i5']);
        expect(await items().deleteMany({ group: 'society' })).toBe(0);
        expect(await items().deleteMany({})).toBe(3);
        expect(await items().countDocuments({})).toBe(0);
      });

      it('createIndexes records indexes without changing answers, and may be repeated', async () => {
        const indexes: IndexDefinition[] = [
          { key: { group: 1, number: -1 }, name: 'group_number' },
          { key: { tags: 1 }, name: 'tags' },
        ];
        await items().createIndexes(indexes);
        await items().createIndexes(indexes);
        expect(ids(await items().find({ group: 'economy' }, { sort: { number: 1 } }))).toEqual(['i1', 'i2']);
      });
    });

    describe('commit and checkpoints', () => {
      it('reads checkpoint 0 before anything was committed', async () => {
        expect(await store.loadCheckpoint(CHECKPOINT)).toBe(0);
      });

      it('writes documents of several collections together with the checkpoint', async () => {
        const writes = new Map<string, ReadDocument[]>([
          [ITEMS, [item('i7', 'culture', 7, [], 'ubnd', [])]],
          [UNITS, [{ _id: 'ubnd' }]],
        ]);
        await store.commit(writes, { name: CHECKPOINT, position: 42 });

        expect(await store.loadCheckpoint(CHECKPOINT)).toBe(42);
        expect(await items().countDocuments({})).toBe(6);
        expect(await store.collection(UNITS).findOne({ _id: 'ubnd' })).toEqual({ _id: 'ubnd' });
      });

      it('upserts on commit too, and moves the checkpoint on', async () => {
        await store.commit(new Map([[ITEMS, [{ ...SAMPLE_ITEMS[0], number: 100 }]]]), { name: CHECKPOINT, position: 7 });
        await store.commit(new Map([[ITEMS, [{ ...SAMPLE_ITEMS[0], number: 101 }]]]), { name: CHECKPOINT, position: 8 });
        expect((await items().findOne({ _id: 'i1' }))?.number).toBe(101);
        expect(await items().countDocuments({})).toBe(5);
        expect(await store.loadCheckpoint(CHECKPOINT)).toBe(8);
      });

      it('stores a checkpoint with no documents to write', async () => {
        await store.commit(new Map(), { name: CHECKPOINT, position: 3 });
        expect(await store.loadCheckpoint(CHECKPOINT)).toBe(3);
      });

      it('keeps one checkpoint per name', async () => {
        await store.commit(new Map(), { name: CHECKPOINT, position: 10 });
        await store.commit(new Map(), { name: OTHER_CHECKPOINT, position: 20 });
        expect(await store.loadCheckpoint(CHECKPOINT)).toBe(10);
        expect(await store.loadCheckpoint(OTHER_CHECKPOINT)).toBe(20);
      });
    });

    describe('reset', () => {
      it('empties the named collections and forgets the checkpoint, leaving the rest alone', async () => {
        await store.collection(UNITS).replaceMany([{ _id: 'ubnd' }]);
        await store.commit(new Map(), { name: CHECKPOINT, position: 10 });
        await store.commit(new Map(), { name: OTHER_CHECKPOINT, position: 20 });

        await store.reset([ITEMS], CHECKPOINT);

        expect(await items().countDocuments({})).toBe(0);
        expect(await store.loadCheckpoint(CHECKPOINT)).toBe(0);
        expect(await store.collection(UNITS).countDocuments({})).toBe(1);
        expect(await store.loadCheckpoint(OTHER_CHECKPOINT)).toBe(20);
      });

      it('leaves a collection usable for new writes', async () => {
        await store.reset([ITEMS], CHECKPOINT);
        await items().replaceMany([SAMPLE_ITEMS[0]]);
        expect(ids(await items().find({}))).toEqual(['i1']);
      });
    });

    describe('isolation', () => {
      it('returns copies: mutating a found document does not change the store', async () => {
        const [found] = await items().find({ _id: 'i2' });
        found.tags.push('mutated');
        found.targets[0].value = -1;
        found.unit.name = 'mutated';
        const one = await items().findOne({ _id: 'i2' });
        one!.group = 'mutated';
        const [aggregated] = await items().aggregate<Item>([{ $match: { _id: 'i2' } }]);
        aggregated.tags.push('mutated');

        expect(await items().findOne({ _id: 'i2' })).toEqual(SAMPLE_ITEMS[1]);
      });

      it('keeps copies: mutating a written document afterwards does not change the store', async () => {
        const written = item('i8', 'culture', 8, ['a'], 'ubnd', [{ metric: 'm', value: 1 }]);
        const committed = item('i9', 'culture', 9, ['b'], 'ubnd', []);
        const expected = [structuredClone(written), structuredClone(committed)];
        await items().replaceMany([written]);
        await store.commit(new Map([[ITEMS, [committed]]]), { name: CHECKPOINT, position: 1 });

        written.tags.push('mutated');
        written.targets[0].value = 99;
        committed.unit.id = 'mutated';

        expect(await items().find({ group: 'culture' }, { sort: { _id: 1 } })).toEqual(expected);
      });
    });
  });
}
