/**
 * The MongoDB read-model store's own decisions, checked against a recording stand-in for the driver
 * (no server can run here): what a commit sends inside its one transaction, the forward-only
 * checkpoint guard, activation and drops, the serving-generation cache, index descriptions, and how
 * the server's errors are read. Against a real server: test/contract/mongo-read-model-store.spec.ts.
 */
import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { indicatorHistoryProjection } from '../../../projections/indicator-history';
import { indicatorsProjection } from '../../../projections/indicators';
import { progressReportsProjection } from '../../../projections/progress-reports';
import type { AnyProjection } from '../../../projections/projection';
import { resolutionsProjection } from '../../../projections/resolutions';
import { GENERATIONS_COLLECTION, indexDescriptions, MongoReadModelStore } from '../../../src/read-models/mongo/mongo-read-model-store';
import { CheckpointBehindError, DuplicateKeyError, InvalidDocumentError, ReadModelStoreClosedError } from '../../../src/read-models/read-model.errors';
import { layoutOf, type Generation } from '../../../src/read-models/read-model-store.port';
import { StoreUnavailableError } from '../../../src/shared/errors';
import { recordingMongoDriver, type RecordingMongoDriver } from '../../support/recording-mongo-driver';

const MAJORITY = { writeConcern: { w: 'majority' }, readConcern: { level: 'majority' }, readPreference: 'primary' };

function generationOf(projection: AnyProjection, generation: number, state: Generation['state'] = 'building', position = 0): Generation {
  return { readModel: projection.name, generation, version: projection.version, state, layout: layoutOf(projection), position, indexed: true };
}

/** A catalog document as the store writes it. */
function catalogDocument(generation: Generation) {
  return { _id: `${generation.readModel}:${generation.generation}`, ...generation, createdAt: new Date(0), activatedAt: null };
}

function duplicateKey(collection: string, index: string, keyValue: Record<string, unknown>): MongoBulkWriteError {
  const message = `E11000 duplicate key error collection: resolution_ledger.${collection} index: ${index} dup key: ${JSON.stringify(keyValue)}`;
  return new MongoBulkWriteError(
    { message, code: 11000, writeErrors: [{ code: 11000, index: 0, errmsg: message, err: { index: 0, code: 11000, errmsg: message, errInfo: {}, op: {} } } as never] },
    {} as never,
  );
}

describe('MongoReadModelStore against a recording driver', () => {
  let driver: RecordingMongoDriver;
  let now: number;
  let store: MongoReadModelStore;

  beforeEach(() => {
    driver = recordingMongoDriver();
    now = Date.parse('2021-07-01T00:00:00.000Z');
    store = new MongoReadModelStore(driver.client as never, 'resolution_ledger', () => now);
  });

  describe('commit', () => {
    it('upserts each generation’s documents and moves its checkpoint, guarded, all in one majority transaction', async () => {
      const indicators = generationOf(indicatorsProjection, 2, 'serving', 5);
      const history = generationOf(indicatorHistoryProjection, 1, 'building', 3);
      await store.commit([
        { projection: indicatorsProjection, generation: indicators, documents: [{ _id: 'ind-01', lastPosition: 9 }], position: 9 },
        { projection: indicatorHistoryProjection, generation: history, documents: [], position: 9 },
      ]);

      expect(driver.transactions).toEqual([{ options: MAJORITY, outcome: 'committed' }]);
      expect(driver.calls.map((call) => [call.target, call.method, call.session === driver.session])).toEqual([
        ['indicators_g2', 'bulkWrite', true],
        [GENERATIONS_COLLECTION, 'updateOne', true],
        // No document for the history's generation: no bulk write, its checkpoint moves all the same.
        [GENERATIONS_COLLECTION, 'updateOne', true],
      ]);
      expect(driver.calls[0].args.slice(0, 2)).toEqual([
        [{ replaceOne: { filter: { _id: 'ind-01' }, replacement: { _id: 'ind-01', lastPosition: 9 }, upsert: true } }],
        { session: driver.session, ordered: true },
      ]);
      // Forward only: the update matches a checkpoint at or behind the new position, of a generation not dropped.
      expect(driver.calls[1].args.slice(0, 2)).toEqual([{ _id: 'indicators:2', position: { $lte: 9 }, state: { $ne: 'dropped' } }, { $set: { position: 9 } }]);
      expect(driver.calls[2].args.slice(0, 2)).toEqual([{ _id: 'indicator_history:1', position: { $lte: 9 }, state: { $ne: 'dropped' } }, { $set: { position: 9 } }]);
      expect(driver.sessionsOpen()).toBe(0);
    });

    it('refuses a commit whose checkpoint guard matches nothing with CheckpointBehindError, aborting the transaction', async () => {
      driver.answers.set(`${GENERATIONS_COLLECTION}.updateOne`, { matchedCount: 0, modifiedCount: 0 });
      const generation = generationOf(indicatorsProjection, 2);
      const behind = store.commit([{ projection: indicatorsProjection, generation, documents: [{ _id: 'ind-01', lastPosition: 3 }], position: 3 }]);
      await expect(behind).rejects.toBeInstanceOf(CheckpointBehindError);
      await expect(behind).rejects.toMatchObject({ generation: 'indicators_g2', position: 3 });
      expect(driver.transactions).toEqual([{ options: MAJORITY, outcome: 'aborted' }]);
      expect(driver.sessionsOpen()).toBe(0);
    });

    it('refuses a document without a string _id before any transaction starts', async () => {
      const generation = generationOf(indicatorsProjection, 1);
      const commit = store.commit([{ projection: indicatorsProjection, generation, documents: [{ _id: 7 as never, lastPosition: 1 }], position: 1 }]);
      await expect(commit).rejects.toBeInstanceOf(InvalidDocumentError);
      expect(driver.calls).toEqual([]);
      expect(driver.sessionsOpen()).toBe(0);
    });

    it('names the read model and the index of a unique key refused in a bulk write: DuplicateKeyError', async () => {
      driver.failures.set('progress_reports_g3.bulkWrite', duplicateKey('progress_reports_g3', 'indicator_metric_period', { indicatorId: 'ind-10', metric: 'jobs', period: '2021-Q1' }));
      const reports = generationOf(progressReportsProjection, 3);
      const indicators = generationOf(indicatorsProjection, 1);
      const error = await store
        .commit([
          { projection: indicatorsProjection, generation: indicators, documents: [{ _id: 'ind-10', lastPosition: 4 }], position: 4 },
          { projection: progressReportsProjection, generation: reports, documents: [{ _id: 'report-b', lastPosition: 4 }], position: 4 },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(error).toMatchObject({ readModel: 'progress_reports', indexName: 'indicator_metric_period' });
      expect(driver.transactions.map((t) => t.outcome)).toEqual(['aborted']);
    });

    it.each([
      ['no server to select', () => new MongoServerSelectionError('Server selection timed out after 30000 ms', {} as never)],
      ['a step-down', () => new MongoServerError({ message: 'not primary', code: 10107 })],
    ])('answers %s during the transaction with StoreUnavailableError (503)', async (_, failure) => {
      driver.failures.set('session.withTransaction', failure());
      const commit = store.commit([{ projection: indicatorsProjection, generation: generationOf(indicatorsProjection, 1), documents: [], position: 1 }]);
      await expect(commit).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(commit).rejects.toMatchObject({ code: 'READ_STORE_UNAVAILABLE' });
      expect(driver.sessionsOpen()).toBe(0);
    });
  });

  describe('the catalog', () => {
    it('numbers a new generation after every one ever created, dropped ones included, and records it', async () => {
      driver.found[GENERATIONS_COLLECTION] = [{ generation: 4 }];
      const created = await store.createGeneration(indicatorsProjection, 'building');
      expect(created).toEqual({ readModel: 'indicators', generation: 5, version: 1, state: 'building', layout: layoutOf(indicatorsProjection), position: 0, indexed: false });
      expect(driver.callsTo(GENERATIONS_COLLECTION)).toEqual([
        ['find', [{ readModel: 'indicators' }, { sort: { generation: -1 }, limit: 1, projection: { generation: 1 } }]],
        ['insertOne', [{ _id: 'indicators:5', ...created, createdAt: new Date(now), activatedAt: null }]],
      ]);
    });

    it('creates the declared indexes on the generation’s collection, then records them', async () => {
      const indexed = await store.createIndexes(indicatorsProjection, { ...generationOf(indicatorsProjection, 2), indexed: false });
      expect(indexed.indexed).toBe(true);
      expect(driver.calls.map((call) => [call.target, call.method, call.args[0]])).toEqual([
        ['indicators_g2', 'createIndexes', indexDescriptions(indicatorsProjection)],
        [GENERATIONS_COLLECTION, 'updateOne', { _id: 'indicators:2' }],
      ]);
      expect(driver.calls[1].args[1]).toEqual({ $set: { indexed: true } });
    });

    it('sends no createIndexes for a read model that declares none', async () => {
      const bare = { ...resolutionsProjection, indexes: [] };
      await store.createIndexes(bare, generationOf(bare, 1));
      expect(driver.calls.map((call) => call.method)).toEqual(['updateOne']);
    });

    it('refuses a unique index over documents already sharing a key with DuplicateKeyError, and records nothing', async () => {
      const message =
        'Index build failed: 4c2b: Collection resolution_ledger.indicator_history_g1 ( 1f2e ) :: caused by :: E11000 duplicate key error collection: resolution_ledger.indicator_history_g1 index: indicator_revision dup key: { indicatorId: "ind-01", revision: 2 }';
      driver.failures.set('indicator_history_g1.createIndexes', new MongoServerError({ message, code: 11000, keyValue: { indicatorId: 'ind-01', revision: 2 } }));
      const refused = store.createIndexes(indicatorHistoryProjection, generationOf(indicatorHistoryProjection, 1));
      await expect(refused).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(refused).rejects.toMatchObject({ readModel: 'indicator_history', indexName: 'indicator_revision' });
      expect(driver.callsTo(GENERATIONS_COLLECTION)).toEqual([]);
    });

    it('activates a generation in one transaction: the serving one retired, this one serving', async () => {
      await store.activate(generationOf(indicatorsProjection, 3));
      expect(driver.transactions).toEqual([{ options: MAJORITY, outcome: 'committed' }]);
      expect(driver.calls.map((call) => [call.method, call.args[0], call.args[1], call.session === driver.session])).toEqual([
        ['updateMany', { readModel: 'indicators', state: 'serving' }, { $set: { state: 'retired' } }, true],
        ['updateOne', { _id: 'indicators:3' }, { $set: { state: 'serving', activatedAt: new Date(now) } }, true],
      ]);
    });

    it('drops the generation’s collection, then marks it dropped in the catalog', async () => {
      await store.drop(generationOf(indicatorsProjection, 1));
      expect(driver.calls.map((call) => [call.target, call.method, call.args[0]])).toEqual([
        ['db', 'dropCollection', 'indicators_g1'],
        [GENERATIONS_COLLECTION, 'updateOne', { _id: 'indicators:1' }],
      ]);
      expect(driver.calls[1].args[1]).toEqual({ $set: { state: 'dropped' } });
    });

    it('drops a generation whose collection was never created', async () => {
      driver.failures.set('db.dropCollection', new MongoServerError({ message: 'ns not found', code: 26, codeName: 'NamespaceNotFound' }));
      await store.drop(generationOf(indicatorsProjection, 1));
      expect(driver.callsTo(GENERATIONS_COLLECTION).map(([method]) => method)).toEqual(['updateOne']);
    });

    it('keeps the catalog entry when the collection could not be dropped, and says the store is unavailable', async () => {
      driver.failures.set('db.dropCollection', new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed'));
      await expect(store.drop(generationOf(indicatorsProjection, 1))).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(driver.callsTo(GENERATIONS_COLLECTION)).toEqual([]);
    });

    it('lists the generations not dropped, by read model and number', async () => {
      const serving = generationOf(indicatorsProjection, 2, 'serving', 40);
      driver.found[GENERATIONS_COLLECTION] = [catalogDocument(serving)];
      expect(await store.generations()).toEqual([serving]);
      expect(driver.callsTo(GENERATIONS_COLLECTION)).toEqual([['find', [{ state: { $ne: 'dropped' } }, { sort: { readModel: 1, generation: 1 } }]]]);
    });
  });

  describe('the serving generation queries read', () => {
    const catalogReads = () => driver.calls.filter((call) => call.target === GENERATIONS_COLLECTION && call.method === 'find').length;

    beforeEach(() => {
      driver.found[GENERATIONS_COLLECTION] = [catalogDocument(generationOf(indicatorsProjection, 2, 'serving')), catalogDocument(generationOf(unitsLike(), 1, 'building'))];
    });

    it('is looked up in the catalog, and the lookup answers for a second', async () => {
      expect(await store.servingGeneration('indicators')).toMatchObject({ generation: 2 });
      expect(await store.servingGeneration('units')).toBeNull();
      now += 1000;
      expect(await store.servingGeneration('indicators')).toMatchObject({ generation: 2 });
      expect(catalogReads()).toBe(1);
      now += 1;
      driver.found[GENERATIONS_COLLECTION] = [catalogDocument(generationOf(indicatorsProjection, 3, 'serving'))];
      expect(await store.servingGeneration('indicators')).toMatchObject({ generation: 3 });
      expect(catalogReads()).toBe(2);
    });

    it.each([
      ['activate', (s: MongoReadModelStore) => s.activate(generationOf(indicatorsProjection, 3))],
      ['createGeneration', (s: MongoReadModelStore) => s.createGeneration(indicatorsProjection, 'building')],
      ['drop', (s: MongoReadModelStore) => s.drop(generationOf(indicatorsProjection, 1))],
    ])('is forgotten after %s, which changed the catalog', async (_, change) => {
      await store.servingGeneration('indicators');
      await change(store);
      const before = catalogReads();
      await store.servingGeneration('indicators');
      expect(catalogReads()).toBe(before + 1);
    });
  });

  describe('errors', () => {
    it.each([
      ['a network error', new MongoNetworkError('connection 1 to 127.0.0.1:27017 closed')],
      ['no server to select', new MongoServerSelectionError('Server selection timed out after 30000 ms', {} as never)],
      ['refused credentials', new MongoServerError({ message: 'Authentication failed.', code: 18 })],
    ])('answers %s with StoreUnavailableError (503), keeping the cause', async (_, failure) => {
      driver.failures.set(`${GENERATIONS_COLLECTION}.find`, failure);
      const error = await store.generations().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'READ_STORE_UNAVAILABLE', cause: failure });
    });

    it('lets any other server refusal through as it is: a defect of ours, logged as a 500', async () => {
      const refusal = new MongoServerError({ message: 'unknown operator: $eqq', code: 2 });
      driver.failures.set(`${GENERATIONS_COLLECTION}.find`, refusal);
      await expect(store.generations()).rejects.toBe(refusal);
    });

    it('pings the server, an unreachable one being unavailable', async () => {
      await store.ping();
      expect(driver.callsTo('db')).toEqual([['command', [{ ping: 1 }]]]);
      driver.failures.set('db.command', new MongoServerSelectionError('Server selection timed out', {} as never));
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('refuses every use once closed, closing the client once', async () => {
      await store.close();
      await store.close();
      expect(driver.closeCount()).toBe(1);
      const generation = generationOf(indicatorsProjection, 1);
      const closed = expect.any(ReadModelStoreClosedError);
      await expect(store.generations()).rejects.toEqual(closed);
      await expect(store.servingGeneration('indicators')).rejects.toEqual(closed);
      await expect(store.createGeneration(indicatorsProjection, 'building')).rejects.toEqual(closed);
      await expect(store.createIndexes(indicatorsProjection, generation)).rejects.toEqual(closed);
      await expect(store.load(indicatorsProjection, generation, ['a'])).rejects.toEqual(closed);
      await expect(store.commit([])).rejects.toEqual(closed);
      await expect(store.activate(generation)).rejects.toEqual(closed);
      await expect(store.documents(generation)).rejects.toEqual(closed);
      await expect(store.drop(generation)).rejects.toEqual(closed);
      await expect(store.ping()).rejects.toEqual(closed);
      expect(() => store.collection('indicators_g1')).toThrow(ReadModelStoreClosedError);
      expect(driver.calls).toEqual([]);
    });
  });
});

describe('indexDescriptions', () => {
  it('declares each index over the fields’ document paths, in key order, unique where declared', () => {
    expect(indexDescriptions(indicatorsProjection)).toEqual([
      { name: 'list_order', key: { kind: 1, number: 1, section: 1, _id: 1 } },
      { name: 'group', key: { group: 1 } },
      { name: 'responsible_unit', key: { responsibleUnitId: 1 } },
      // A field across an array is indexed by its path: MongoDB makes it a multikey index.
      { name: 'status', key: { 'targets.status': 1 } },
    ]);
    expect(indexDescriptions(indicatorHistoryProjection)).toEqual([{ name: 'indicator_revision', key: { indicatorId: 1, revision: 1 }, unique: true }]);
    expect(indexDescriptions(progressReportsProjection)).toContainEqual({ name: 'evidence_sha256', key: { 'evidence.sha256': 1 } });
    expect(Object.keys(indexDescriptions(indicatorsProjection)[0].key)).toEqual(['kind', 'number', 'section', '_id']);
  });

  it('refuses an index over a field the read model does not declare', () => {
    const broken = { ...resolutionsProjection, indexes: [{ name: 'title', fields: ['title'] }] };
    expect(() => indexDescriptions(broken)).toThrow(/undeclared field title/);
  });
});

/** A read model named `units` for the catalog fixtures (only its name and layout matter here). */
function unitsLike(): AnyProjection {
  return { ...resolutionsProjection, name: 'units' };
}
