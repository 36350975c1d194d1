/** Reading the MongoDB driver's errors, with the driver's own error classes where they can be built. */
import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { duplicateKeyInfo, isDuplicateKey, isIndexConflict, isUnavailable, toStoreError } from '../../../src/read-models/mongo/mongo-errors';
import { CheckpointBehindError } from '../../../src/read-models/read-model.errors';
import { StoreUnavailableError } from '../../../src/shared/errors';

const E11000 = 'E11000 duplicate key error collection: resolution_ledger.indicator_history_g2 index: indicator_revision dup key: { indicatorId: "ind-10", revision: 3 }';

describe('MongoDB driver errors', () => {
  it('reads a duplicate key error: collection, index, key value, no refused document outside a bulk write', () => {
    const error = new MongoServerError({ message: E11000, errmsg: E11000, code: 11000, keyValue: { indicatorId: 'ind-10', revision: 3 } });
    expect(isDuplicateKey(error)).toBe(true);
    expect(duplicateKeyInfo(error)).toEqual({ collection: 'indicator_history_g2', indexName: 'indicator_revision', keyValue: { indicatorId: 'ind-10', revision: 3 }, incomingId: null });
  });

  it('reads a duplicate key in a bulk write, naming the refused document', () => {
    const error = new MongoBulkWriteError(
      {
        message: E11000,
        code: 11000,
        writeErrors: [
          {
            code: 11000,
            index: 0,
            errmsg: E11000,
            err: { index: 0, code: 11000, errmsg: E11000, errInfo: {}, op: { q: { _id: 'indicator-ind-10:3b' }, u: { _id: 'indicator-ind-10:3b' }, upsert: true } },
            getOperation: () => ({ q: { _id: 'indicator-ind-10:3b' }, u: { _id: 'indicator-ind-10:3b' }, upsert: true }),
          } as never,
        ],
      },
      {} as never,
    );
    expect(duplicateKeyInfo(error)).toMatchObject({ collection: 'indicator_history_g2', indexName: 'indicator_revision', incomingId: 'indicator-ind-10:3b' });
  });

  it('reads nothing from an error that is not a duplicate key', () => {
    expect(duplicateKeyInfo(new MongoServerError({ message: 'not primary', code: 10107 }))).toBeNull();
    expect(duplicateKeyInfo(new TypeError('x'))).toBeNull();
  });

  it('recognises index definition conflicts (85, 86) and nothing else as such', () => {
    expect(isIndexConflict(new MongoServerError({ message: 'Index already exists with a different name', code: 85 }))).toBe(true);
    expect(isIndexConflict(new MongoServerError({ message: 'different keys', code: 86 }))).toBe(true);
    expect(isIndexConflict(new MongoServerError({ message: E11000, code: 11000 }))).toBe(false);
  });

  it.each([
    ['a network error', new MongoNetworkError('connection 1 to 127.0.0.1:27017 closed')],
    ['no server selectable', new MongoServerSelectionError('Server selection timed out after 30000 ms', {} as never)],
    ['a step-down', new MongoServerError({ message: 'not primary', code: 10107 })],
    ['refused credentials', new MongoServerError({ message: 'Authentication failed.', code: 18 })],
    ['a retryable write error', new MongoServerError({ message: 'interrupted', code: 1, errorLabels: ['RetryableWriteError'] })],
  ])('treats %s as unavailable: a 503 that keeps its cause', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
    const mapped = toStoreError(error, 'page indicators_g1');
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'READ_STORE_UNAVAILABLE', cause: error, details: { operation: 'page indicators_g1' } });
    expect((mapped as Error).message).toContain('page indicators_g1');
  });

  it('lets any other server refusal through unchanged: our queries are ours, so it is a defect, logged as a 500', () => {
    const unknownOperator = new MongoServerError({ message: 'unknown operator: $regexx', code: 2 });
    const duplicate = new MongoServerError({ message: E11000, code: 11000 });
    for (const error of [unknownOperator, duplicate]) {
      expect(isUnavailable(error)).toBe(false);
      expect(toStoreError(error, 'page indicators_g1')).toBe(error);
    }
  });

  it('passes through our own typed errors and errors raised on our side, unchanged', () => {
    const behind = new CheckpointBehindError('indicators_g1', 4);
    const bug = new TypeError('undefined is not a function');
    expect(toStoreError(behind, 'commit')).toBe(behind);
    expect(toStoreError(bug, 'find x')).toBe(bug);
  });
});
