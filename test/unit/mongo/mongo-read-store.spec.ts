/**
 * The MongoDB read store's own decisions, checked against a recording stand-in for the driver (no
 * server can run here): what it refuses before reaching the server, what it sends, and how it reads
 * the server's answers. Its behaviour against a real server is the read store contract suite in
 * test/contract/mongo-read-store.spec.ts, run whenever MONGODB_URI is set.
 */
import { MongoServerError } from 'mongodb';
import { CheckpointBehindError, MongoReadStore } from '../../../src/read-store/mongo-read-store';
import { DuplicateKeyError, IndexConflictError, InvalidDocumentError, InvalidQueryError, ReadStoreClosedError, UnsafeQueryError } from '../../../src/read-store/read-store.errors';

interface Call {
  collection: string;
  method: string;
  args: unknown[];
  inSession: boolean;
}

function recordingDriver() {
  const calls: Call[] = [];
  const failures = new Map<string, unknown>();
  const transactionOptions: unknown[] = [];
  const found: Record<string, unknown[]> = {};
  let sessionsOpen = 0;
  const collection = (name: string) => {
    const record = (method: string, args: unknown[], result: unknown) => {
      const last = args[args.length - 1] as { session?: unknown } | undefined;
      calls.push({ collection: name, method, args, inSession: !!last && typeof last === 'object' && 'session' in last });
      const failure = failures.get(`${name}.${method}`);
      if (failure) return Promise.reject(failure);
      return Promise.resolve(result);
    };
    return {
      find: (...args: unknown[]) => ({ toArray: () => record('find', args, found[name] ?? []) }),
      findOne: (...args: unknown[]) => record('findOne', args, (found[name] ?? [])[0] ?? null),
      countDocuments: (...args: unknown[]) => record('countDocuments', args, 0),
      aggregate: (...args: unknown[]) => ({ toArray: () => record('aggregate', args, []) }),
      deleteMany: (...args: unknown[]) => record('deleteMany', args, { deletedCount: 0 }),
      deleteOne: (...args: unknown[]) => record('deleteOne', args, { deletedCount: 1 }),
      bulkWrite: (...args: unknown[]) => record('bulkWrite', args, {}),
      updateOne: (...args: unknown[]) => record('updateOne', args, {}),
      createIndexes: (...args: unknown[]) => record('createIndexes', args, []),
    };
  };
  const client = {
    db: () => ({ collection, command: async () => ({ ok: 1 }) }),
    startSession: () => {
      sessionsOpen += 1;
      return {
        withTransaction: async (work: (session: unknown) => Promise<void>, options: unknown) => {
          transactionOptions.push(options);
          await work({ session: true });
        },
        endSession: async () => {
          sessionsOpen -= 1;
        },
      };
    },
    close: async () => undefined,
  };
  return { client, calls, failures, transactionOptions, found, sessionsOpen: () => sessionsOpen };
}

describe('MongoReadStore against a recording driver', () => {
  let driver: ReturnType<typeof recordingDriver>;
  let store: MongoReadStore;

  beforeEach(() => {
    driver = recordingDriver();
    store = new MongoReadStore(driver.client as never, 'resolution_ledger');
  });

  it('refuses unsafe queries before anything reaches the server', async () => {
    const indicators = store.collection('indicators');
    await expect(indicators.find({ $where: 'sleep(1000)' })).rejects.toBeInstanceOf(UnsafeQueryError);
    await expect(indicators.countDocuments({ 'a.__proto__.b': 1 })).rejects.toBeInstanceOf(UnsafeQueryError);
    await expect(indicators.aggregate([{ $match: {} }, { $out: 'stolen' }])).rejects.toBeInstanceOf(UnsafeQueryError);
    await expect(indicators.deleteMany({ $expr: { $function: { body: 'x', args: [], lang: 'js' } } })).rejects.toBeInstanceOf(UnsafeQueryError);
    await expect(indicators.find({}, { skip: -1 })).rejects.toBeInstanceOf(InvalidQueryError);
    expect(driver.calls).toEqual([]);
  });

  it('passes sort, skip, limit and projection through to find', async () => {
    await store.collection('indicators').find({ group: 'economy' }, { sort: { number: 1 }, skip: 2, limit: 5, projection: { name: 1 } });
    expect(driver.calls[0]).toMatchObject({ collection: 'indicators', method: 'find', args: [{ group: 'economy' }, { sort: { number: 1 }, skip: 2, limit: 5, projection: { name: 1 } }] });
  });

  it('answers a query the server refuses with InvalidQueryError (400)', async () => {
    driver.failures.set('indicators.find', new MongoServerError({ message: 'unknown operator: $eqq', code: 2 }));
    await expect(store.collection('indicators').find({ group: { $eqq: 1 } })).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it('commits documents of several collections and the checkpoint in one majority transaction', async () => {
    await store.commit(
      new Map([
        ['indicators', [{ _id: 'ind-1', lastPosition: 9 }]],
        ['units', []],
        ['indicator_history', [{ _id: 'indicator-ind-1:0', lastPosition: 9 }]],
      ]),
      { name: 'read-models', position: 9 },
    );

    expect(driver.transactionOptions).toEqual([{ writeConcern: { w: 'majority' }, readConcern: { level: 'majority' }, readPreference: 'primary' }]);
    expect(driver.calls.map((c) => [c.collection, c.method, c.inSession])).toEqual([
      ['indicators', 'bulkWrite', true],
      ['indicator_history', 'bulkWrite', true],
      ['checkpoints', 'updateOne', true],
    ]);
    expect(driver.calls[0].args[0]).toEqual([{ replaceOne: { filter: { _id: 'ind-1' }, replacement: { _id: 'ind-1', lastPosition: 9 }, upsert: true } }]);
    // The checkpoint only moves forward: the filter matches a checkpoint at or behind the new position.
    expect(driver.calls[2].args.slice(0, 2)).toEqual([{ _id: 'read-models', position: { $lte: 9 } }, { $set: { position: 9, updatedAt: expect.any(Date) } }]);
    expect(driver.calls[2].args[2]).toMatchObject({ upsert: true });
    expect(driver.sessionsOpen()).toBe(0);
  });

  it('refuses a commit behind the stored checkpoint with CheckpointBehindError', async () => {
    const dup = 'E11000 duplicate key error collection: resolution_ledger.checkpoints index: _id_ dup key: { _id: "read-models" }';
    driver.failures.set('checkpoints.updateOne', new MongoServerError({ message: dup, errmsg: dup, code: 11000 }));
    await expect(store.commit(new Map(), { name: 'read-models', position: 3 })).rejects.toBeInstanceOf(CheckpointBehindError);
    expect(driver.sessionsOpen()).toBe(0);
  });

  it('turns a unique index violation into DuplicateKeyError naming both documents', async () => {
    const dup = 'E11000 duplicate key error collection: resolution_ledger.progress_reports index: indicatorId_1_metric_1_period_1 dup key: { indicatorId: "ind-10", metric: "new_jobs", period: "2021-Q1" }';
    driver.failures.set('progress_reports.bulkWrite', new MongoServerError({ message: dup, errmsg: dup, code: 11000, keyValue: { indicatorId: 'ind-10', metric: 'new_jobs', period: '2021-Q1' } }));
    driver.found.progress_reports = [{ _id: 'report-a' }];

    const error = await store.commit(new Map([['progress_reports', [{ _id: 'report-b' }]]]), { name: 'read-models', position: 4 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error).toMatchObject({ collection: 'progress_reports', indexName: 'indicatorId_1_metric_1_period_1', documentIds: ['report-a', '(unknown)'] });
  });

  it('refuses a bad checkpoint or document before opening a transaction', async () => {
    await expect(store.commit(new Map(), { name: 'read-models', position: -1 })).rejects.toBeInstanceOf(InvalidDocumentError);
    await expect(store.commit(new Map([['indicators', [{ _id: '' }]]]), { name: 'read-models', position: 1 })).rejects.toBeInstanceOf(InvalidDocumentError);
    expect(driver.transactionOptions).toEqual([]);
  });

  it('reads a missing checkpoint as 0 and a stored one as its position', async () => {
    expect(await store.loadCheckpoint('read-models')).toBe(0);
    driver.found.checkpoints = [{ _id: 'read-models', position: 1234 }];
    expect(await store.loadCheckpoint('read-models')).toBe(1234);
  });

  it('resets by forgetting the checkpoint first, then emptying the collections', async () => {
    await store.reset(['indicators', 'units'], 'read-models');
    expect(driver.calls.map((c) => [c.collection, c.method])).toEqual([
      ['checkpoints', 'deleteOne'],
      ['indicators', 'deleteMany'],
      ['units', 'deleteMany'],
    ]);
  });

  it('creates indexes as declared, and reports a conflicting definition as IndexConflictError', async () => {
    const indexes = [{ key: { indicatorId: 1 as const, revision: 1 as const }, name: 'indicatorId_1_revision_1', unique: true }];
    await store.collection('indicator_history').createIndexes(indexes);
    expect(driver.calls[0].args[0]).toEqual([{ key: { indicatorId: 1, revision: 1 }, name: 'indicatorId_1_revision_1', unique: true }]);

    driver.failures.set('indicator_history.createIndexes', new MongoServerError({ message: 'An existing index has the same name as the requested index: indicatorId_1_revision_1', code: 86 }));
    await expect(store.collection('indicator_history').createIndexes(indexes)).rejects.toBeInstanceOf(IndexConflictError);
  });

  it('refuses to be used once closed', async () => {
    await store.close();
    await expect(store.collection('indicators').find({})).rejects.toBeInstanceOf(ReadStoreClosedError);
    await expect(store.loadCheckpoint('read-models')).rejects.toBeInstanceOf(ReadStoreClosedError);
  });
});
