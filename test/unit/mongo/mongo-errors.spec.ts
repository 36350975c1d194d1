/** Reading the MongoDB driver's errors, with the driver's own error classes where they can be built. */
import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { duplicateKeyInfo, isDuplicateKey, isIndexConflict, isUnavailable, toReadError } from '../../../src/read-store/mongo/mongo-errors';
import { InvalidQueryError } from '../../../src/read-store/read-store.errors';
import { StoreUnavailableError } from '../../../src/shared/errors';

const E11000 = 'E11000 duplicate key error collection: resolution_ledger.indicator_history index: indicatorId_1_revision_1 dup key: { indicatorId: "ind-10", revision: 3 }';

describe('MongoDB driver errors', () => {
  it('reads a duplicate key error: index, key value, no refused document outside a bulk write', () => {
    const error = new MongoServerError({ message: E11000, errmsg: E11000, code: 11000, keyValue: { indicatorId: 'ind-10', revision: 3 } });
    expect(isDuplicateKey(error)).toBe(true);
    expect(duplicateKeyInfo(error)).toEqual({ indexName: 'indicatorId_1_revision_1', keyValue: { indicatorId: 'ind-10', revision: 3 }, incomingId: null });
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
    expect(duplicateKeyInfo(error)).toMatchObject({ indexName: 'indicatorId_1_revision_1', incomingId: 'indicator-ind-10:3b' });
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
  ])('treats %s as unavailable: a 503 for reads', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
    const mapped = toReadError(error, 'find indicators');
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'READ_STORE_UNAVAILABLE', cause: error });
  });

  it('treats any other server refusal of a read as a query the caller got wrong: a 400', () => {
    const unknownOperator = new MongoServerError({ message: 'unknown operator: $regexx', code: 2 });
    const badStage = new MongoServerError({ message: "Unrecognized pipeline stage name: '$grup'", code: 40324 });
    for (const error of [unknownOperator, badStage]) {
      const mapped = toReadError(error, 'aggregate indicators');
      expect(mapped).toBeInstanceOf(InvalidQueryError);
      expect((mapped as InvalidQueryError).code).toBe('INVALID_QUERY');
      expect(isUnavailable(error)).toBe(false);
    }
  });

  it('passes through errors raised on our side, unchanged', () => {
    const bug = new TypeError('undefined is not a function');
    expect(toReadError(bug, 'find x')).toBe(bug);
  });
});
