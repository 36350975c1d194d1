/**
 * The `leases` collection of a simulated MongoDB server, for the projection lease's unit tests (no
 * server runs here). It evaluates the very filters and update pipelines the lease sends with mingo,
 * at a server clock the test moves (`$$NOW`), and reproduces the server rules the lease relies on:
 * an upsert that matches nothing inserts a document with the filter's `_id`; an upsert filter may
 * not contain `$expr` (error 224); a second document with the same `_id` is a duplicate key
 * (E11000). Every call is recorded.
 */
import { find, updateOne } from 'mingo';
import { MongoServerError } from 'mongodb';
import type { LeaseCollection, LeaseDocument } from '../../src/projection-lease/mongo-projection-lease';

type Filter = Record<string, unknown>;
type Update = Record<string, unknown> | Record<string, unknown>[];
type Options = { upsert?: boolean; writeConcern?: unknown };

export interface LeaseCall {
  filter: Filter;
  update: Update;
  options: Options;
}

export class SimulatedLeaseCollection {
  readonly documents: LeaseDocument[] = [];
  readonly calls: LeaseCall[] = [];
  /** The server's clock, in ms since the epoch: far from the test machine's on purpose. */
  serverNow = Date.parse('2031-01-01T00:00:00.000Z');
  /** Runs once, after an upsert matched nothing and before it inserts: another instance's insert landing first. */
  beforeNextInsert: (() => void) | null = null;
  /** Every call fails with this while set (an unreachable replica set). */
  failure: Error | null = null;

  /** The shape the lease asks for; a test hands this to MongoProjectionLease. */
  get asCollection(): LeaseCollection {
    return this as unknown as LeaseCollection;
  }

  async updateOne(filter: Filter, update: Update, options: Options = {}) {
    this.calls.push({ filter, update, options });
    if (this.failure) throw this.failure;
    if (options.upsert && JSON.stringify(filter).includes('"$expr"')) {
      throw new MongoServerError({ message: '$expr is not allowed in the query predicate for an upsert', code: 224 });
    }
    const matched = this.atServerTime(() => find(this.documents, filter).all()).length > 0;
    if (matched) {
      const onlyOnInsert = !Array.isArray(update) && Object.keys(update).every((key) => key === '$setOnInsert');
      const result = onlyOnInsert ? { matchedCount: 1, modifiedCount: 0 } : this.atServerTime(() => updateOne(this.documents as unknown as Record<string, unknown>[], filter, update as never));
      return { acknowledged: true, matchedCount: result.matchedCount, modifiedCount: result.modifiedCount, upsertedCount: 0, upsertedId: null };
    }
    if (!options.upsert) return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null };
    const interleaved = this.beforeNextInsert;
    this.beforeNextInsert = null;
    interleaved?.();
    const id = filter._id as string;
    if (this.documents.some((document) => document._id === id)) {
      const message = `E11000 duplicate key error collection: resolution_ledger.leases index: _id_ dup key: { _id: "${id}" }`;
      throw new MongoServerError({ message, errmsg: message, code: 11000, keyValue: { _id: id } });
    }
    const fields = Array.isArray(update) ? {} : { ...(update.$setOnInsert as object), ...(update.$set as object) };
    this.documents.push({ _id: id, ...fields } as LeaseDocument);
    return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: id };
  }

  /** mingo reads `$$NOW` from Date.now(); evaluation is synchronous, so the swap is invisible to anything else. */
  private atServerTime<T>(evaluate: () => T): T {
    const realNow = Date.now;
    Date.now = () => this.serverNow;
    try {
      return evaluate();
    } finally {
      Date.now = realNow;
    }
  }
}
