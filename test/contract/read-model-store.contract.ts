/**
 * What every ReadModelStore does, whatever the database: the catalog of generations and their
 * numbering, the declared indexes (a unique one refuses a duplicate, and the commit carrying it is
 * written as nothing), commits of documents and checkpoints together and forward only, the swap of
 * the serving generation, drops, and use after close.
 */
import type { LedgerEventType } from '../../src/domain/events';
import type { AnyProjection, ProjectedDocument } from '../../projections/projection';
import { AUDIT_LOG_EVENT_TYPES } from '../../projections/audit-log';
import { CheckpointBehindError, DuplicateKeyError, InvalidDocumentError, ReadModelStoreClosedError } from '../../src/read-models/read-model.errors';
import { layoutOf, type Generation, type ReadModelStore } from '../../src/read-models/read-model-store.port';
import type { OpenedStore, StoreTarget } from './read-model-store-targets';

interface Item extends ProjectedDocument {
  key: string;
  rank: number | null;
  tags: Array<{ name: string }>;
}

/** A read model of the suite's own: a unique key, a plain field, and a field across an array (an index named like it). */
function itemsProjection(name: string, version = 1): AnyProjection {
  return {
    name,
    version,
    events: Object.fromEntries(AUDIT_LOG_EVENT_TYPES.map((type) => [type, 'ignore'])) as Record<LedgerEventType, 'ignore'>,
    fields: {
      key: { path: 'key', type: 'text' },
      rank: { path: 'rank', type: 'integer' },
      tags: { path: 'tags.name', type: 'text', many: true },
    },
    indexes: [
      { name: 'key', fields: ['key'], unique: true },
      { name: 'rank', fields: ['rank', '_id'] },
      { name: 'tags', fields: ['tags'] },
    ],
    documentIds: () => [],
    evolve: () => {
      throw new Error('not projected from events');
    },
  };
}

const items = itemsProjection('contract_items');
const others = itemsProjection('contract_others');

function item(id: string, key: string, lastPosition = 1, tags: string[] = ['a']): Item {
  return { _id: id, key, rank: lastPosition % 3 === 0 ? null : lastPosition, tags: tags.map((tag) => ({ name: tag })), lastPosition };
}

export function describeReadModelStoreContract(target: StoreTarget): void {
  describe(`ReadModelStore contract: ${target.name}`, () => {
    let opened: OpenedStore;
    let store: ReadModelStore;

    beforeEach(async () => {
      opened = await target.open('store');
      store = opened.store;
    });
    afterEach(async () => {
      await opened?.dispose();
    });

    /** A new generation with its indexes. */
    async function indexedGeneration(projection: AnyProjection, state: 'building' | 'serving' = 'building'): Promise<Generation> {
      return store.createIndexes(projection, await store.createGeneration(projection, state));
    }

    async function catalogEntry(generation: Generation): Promise<Generation | undefined> {
      return (await store.generations()).find((g) => g.readModel === generation.readModel && g.generation === generation.generation);
    }

    describe('generations', () => {
      it('starts with an empty catalog', async () => {
        expect(await store.generations()).toEqual([]);
      });

      it('numbers each read model’s generations 1, 2, 3…, and records each as created', async () => {
        const first = await store.createGeneration(items, 'serving');
        const second = await store.createGeneration(itemsProjection('contract_items', 2), 'building');
        const ofOthers = await store.createGeneration(others, 'building');
        expect(first).toEqual({ readModel: 'contract_items', generation: 1, version: 1, state: 'serving', layout: layoutOf(items), position: 0, indexed: false });
        expect(second).toMatchObject({ readModel: 'contract_items', generation: 2, version: 2, state: 'building' });
        expect(ofOthers).toMatchObject({ readModel: 'contract_others', generation: 1 });
        expect(await store.generations()).toEqual([first, second, ofOthers]);
      });

      it('never gives a dropped generation’s number again', async () => {
        const first = await store.createGeneration(items, 'building');
        const second = await store.createGeneration(items, 'building');
        await store.drop(second);
        expect((await store.createGeneration(items, 'building')).generation).toBe(3);
        await store.drop(first);
        expect((await store.createGeneration(items, 'building')).generation).toBe(4);
        expect((await store.generations()).map((g) => g.generation)).toEqual([3, 4]);
      });

      it('creates the declared indexes and records that the generation has them', async () => {
        const created = await store.createGeneration(items, 'building');
        const indexed = await store.createIndexes(items, created);
        expect(indexed).toEqual({ ...created, indexed: true });
        expect(await catalogEntry(created)).toEqual(indexed);
      });

      it('is read the same by another store on the same storage, as after a restart', async () => {
        const generation = await indexedGeneration(items, 'serving');
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1', 4)], position: 4 }]);
        const again = await opened.reopen();
        expect(await again.generations()).toEqual([{ ...generation, position: 4 }]);
        expect(await again.documents(generation)).toEqual([item('a', 'k1', 4)]);
      });
    });

    describe('commit', () => {
      it('writes the documents and moves the checkpoint', async () => {
        const generation = await indexedGeneration(items);
        const documents = [item('b', 'k2', 2, ['x', 'y']), item('a', 'k1', 3, [])];
        await store.commit([{ projection: items, generation, documents, position: 3 }]);
        expect(await store.documents(generation)).toEqual([item('a', 'k1', 3, []), item('b', 'k2', 2, ['x', 'y'])]);
        expect(await catalogEntry(generation)).toMatchObject({ position: 3 });
      });

      it('replaces a document by _id, its unique key with it', async () => {
        const generation = await indexedGeneration(items);
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1', 1)], position: 1 }]);
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1', 2, ['z'])], position: 2 }]);
        await store.commit([{ projection: items, generation, documents: [item('a', 'k-renamed', 3)], position: 3 }]);
        await store.commit([{ projection: items, generation, documents: [item('b', 'k1', 4)], position: 4 }]);
        expect(await store.documents(generation)).toEqual([item('a', 'k-renamed', 3), item('b', 'k1', 4)]);
      });

      it('writes several generations of several read models in one commit', async () => {
        const serving = await indexedGeneration(items, 'serving');
        const rebuilding = await indexedGeneration(items);
        const other = await indexedGeneration(others, 'serving');
        await store.commit([
          { projection: items, generation: serving, documents: [item('a', 'k1', 9)], position: 9 },
          { projection: items, generation: rebuilding, documents: [item('a', 'k1', 5), item('b', 'k2', 5)], position: 5 },
          { projection: others, generation: other, documents: [], position: 9 },
        ]);
        expect(await store.documents(serving)).toEqual([item('a', 'k1', 9)]);
        expect(await store.documents(rebuilding)).toHaveLength(2);
        expect((await store.generations()).map((g) => [g.readModel, g.generation, g.position])).toEqual([
          ['contract_items', 1, 9],
          ['contract_items', 2, 5],
          ['contract_others', 1, 9],
        ]);
      });

      it('loads stored documents by id, leaving absent ids out', async () => {
        const generation = await indexedGeneration(items);
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1'), item('b', 'k2')], position: 1 }]);
        const loaded = await store.load(items, generation, ['b', 'missing', 'a']);
        expect([...loaded.entries()].sort()).toEqual([
          ['a', item('a', 'k1')],
          ['b', item('b', 'k2')],
        ]);
        expect((await store.load(items, generation, [])).size).toBe(0);
      });

      it('accepts the checkpoint it already has, and refuses one behind it whole: CheckpointBehindError, nothing written', async () => {
        const generation = await indexedGeneration(items);
        const other = await indexedGeneration(others);
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1', 10)], position: 10 }]);
        await store.commit([{ projection: items, generation, documents: [item('b', 'k2', 10)], position: 10 }]);

        const behind = store.commit([
          { projection: others, generation: other, documents: [item('o', 'k1', 5)], position: 5 },
          { projection: items, generation, documents: [item('c', 'k3', 5), item('a', 'k1-late', 5)], position: 5 },
        ]);
        await expect(behind).rejects.toBeInstanceOf(CheckpointBehindError);
        expect(await store.documents(generation)).toEqual([item('a', 'k1', 10), item('b', 'k2', 10)]);
        expect(await store.documents(other)).toEqual([]);
        expect((await store.generations()).map((g) => g.position)).toEqual([10, 0]);
      });

      it('refuses a commit to a dropped generation with CheckpointBehindError, writing nothing of it', async () => {
        const generation = await indexedGeneration(items);
        const other = await indexedGeneration(others);
        await store.drop(generation);
        const late = store.commit([
          { projection: others, generation: other, documents: [item('o', 'k1', 5)], position: 5 },
          { projection: items, generation, documents: [item('a', 'k1', 5)], position: 5 },
        ]);
        await expect(late).rejects.toBeInstanceOf(CheckpointBehindError);
        expect(await store.documents(other)).toEqual([]);
        expect(await store.generations()).toEqual([other]);
      });

      it('refuses a document without a string _id with InvalidDocumentError, writing nothing of the commit', async () => {
        const generation = await indexedGeneration(items);
        const bad = { ...item('x', 'k9'), _id: 42 } as unknown as Item;
        await expect(store.commit([{ projection: items, generation, documents: [item('a', 'k1'), bad], position: 1 }])).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await store.documents(generation)).toEqual([]);
        expect(await catalogEntry(generation)).toMatchObject({ position: 0 });
      });
    });

    describe('unique indexes', () => {
      const duplicate = expect.objectContaining({ constructor: DuplicateKeyError, code: 'DUPLICATE_KEY', readModel: 'contract_items', indexName: 'key' });

      it('refuse a document whose key another stored document holds: DuplicateKeyError, and the whole commit is written as nothing', async () => {
        const generation = await indexedGeneration(items);
        const other = await indexedGeneration(others);
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1', 1)], position: 1 }]);

        const clash = store.commit([
          { projection: others, generation: other, documents: [item('o', 'k1', 2)], position: 2 },
          { projection: items, generation, documents: [item('c', 'k3', 2), item('b', 'k1', 2)], position: 2 },
        ]);
        await expect(clash).rejects.toEqual(duplicate);
        expect(await store.documents(generation)).toEqual([item('a', 'k1', 1)]);
        expect(await store.documents(other)).toEqual([]);
        expect((await store.generations()).map((g) => g.position)).toEqual([1, 0]);
      });

      it('refuse two documents of one commit sharing a key', async () => {
        const generation = await indexedGeneration(items);
        await expect(store.commit([{ projection: items, generation, documents: [item('a', 'k1'), item('b', 'k1')], position: 1 }])).rejects.toEqual(duplicate);
        expect(await store.documents(generation)).toEqual([]);
        expect(await catalogEntry(generation)).toMatchObject({ position: 0 });
      });

      it('are not there before createIndexes, which then refuses documents already sharing a key', async () => {
        const generation = await store.createGeneration(items, 'building');
        await store.commit([{ projection: items, generation, documents: [item('a', 'k1'), item('b', 'k1')], position: 1 }]);
        expect(await store.documents(generation)).toHaveLength(2);
        await expect(store.createIndexes(items, generation)).rejects.toEqual(duplicate);
        expect(await catalogEntry(generation)).toMatchObject({ indexed: false });
      });
    });

    describe('activate', () => {
      it('makes a generation the serving one and retires the one serving until then, nothing else changing', async () => {
        const old = await indexedGeneration(items, 'serving');
        const built = await indexedGeneration(items);
        const spare = await indexedGeneration(items);
        const other = await indexedGeneration(others, 'serving');
        await store.activate(built);
        const states = Object.fromEntries((await store.generations()).map((g) => [`${g.readModel}:${g.generation}`, g.state]));
        expect(states).toEqual({ [`contract_items:${old.generation}`]: 'retired', [`contract_items:${built.generation}`]: 'serving', [`contract_items:${spare.generation}`]: 'building', [`contract_others:${other.generation}`]: 'serving' });
      });

      it('serves a read model that had no serving generation', async () => {
        const built = await indexedGeneration(items);
        await store.activate(built);
        expect(await store.generations()).toEqual([{ ...built, state: 'serving' }]);
      });

      it('keeps the retired generation’s documents until it is dropped', async () => {
        const old = await indexedGeneration(items, 'serving');
        await store.commit([{ projection: items, generation: old, documents: [item('a', 'k1')], position: 1 }]);
        await store.activate(await indexedGeneration(items));
        expect(await store.documents(old)).toEqual([item('a', 'k1')]);
      });
    });

    describe('drop', () => {
      it('removes a generation’s documents, its storage (side tables included) and its catalog entry, and nothing else', async () => {
        const doomed = await indexedGeneration(items);
        const kept = await indexedGeneration(items, 'serving');
        await store.commit([
          { projection: items, generation: doomed, documents: [item('a', 'k1', 1, ['x'])], position: 1 },
          { projection: items, generation: kept, documents: [item('a', 'k1', 1, ['x'])], position: 1 },
        ]);
        expect((await opened.storageOf(doomed)).length).toBeGreaterThan(0);
        await store.drop(doomed);
        expect(await opened.storageOf(doomed)).toEqual([]);
        expect(await store.generations()).toEqual([{ ...kept, position: 1 }]);
        expect(await store.documents(kept)).toEqual([item('a', 'k1', 1, ['x'])]);
        expect((await opened.storageOf(kept)).length).toBeGreaterThan(0);
      });

      it('drops a generation that never held a document', async () => {
        const empty = await store.createGeneration(items, 'building');
        await store.drop(empty);
        expect(await store.generations()).toEqual([]);
        expect(await opened.storageOf(empty)).toEqual([]);
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('refuses every use once closed with ReadModelStoreClosedError, and closes twice quietly', async () => {
      const generation = await indexedGeneration(items);
      await store.close();
      await store.close();
      const closed = expect.any(ReadModelStoreClosedError);
      await expect(store.generations()).rejects.toEqual(closed);
      await expect(store.createGeneration(items, 'building')).rejects.toEqual(closed);
      await expect(store.createIndexes(items, generation)).rejects.toEqual(closed);
      await expect(store.load(items, generation, ['a'])).rejects.toEqual(closed);
      await expect(store.commit([{ projection: items, generation, documents: [], position: 1 }])).rejects.toEqual(closed);
      await expect(store.activate(generation)).rejects.toEqual(closed);
      await expect(store.documents(generation)).rejects.toEqual(closed);
      await expect(store.drop(generation)).rejects.toEqual(closed);
      await expect(store.ping()).rejects.toEqual(closed);
    });
  });
}
