/**
 * The MongoDB projection lease against a simulated `leases` collection (test/support/
 * simulated-mongo-leases.ts: mingo evaluates the real filters and pipelines at a server clock the
 * test moves). Against a real replica set: test/contract/mongo-projection-lease.spec.ts.
 */
import { MongoServerError } from 'mongodb';
import { MongoProjectionLease } from '../../../src/projection-lease/mongo-projection-lease';
import { MongoReadModelStore } from '../../../src/read-models/mongo/mongo-read-model-store';
import { describeProjectionLeaseContract } from '../../contract/projection-lease.contract';
import { SimulatedLeaseCollection } from '../../support/simulated-mongo-leases';

let server: SimulatedLeaseCollection;
describeProjectionLeaseContract('MongoDB lease on a simulated server', {
  ttlMs: 15_000,
  fresh: async () => {
    server = new SimulatedLeaseCollection();
    return new MongoProjectionLease(server.asCollection);
  },
  pass: async (ms) => {
    server.serverNow += ms;
  },
});

describe('MongoProjectionLease', () => {
  const TTL = 15_000;
  let leases: SimulatedLeaseCollection;
  let a: MongoProjectionLease;
  let b: MongoProjectionLease;

  beforeEach(() => {
    leases = new SimulatedLeaseCollection();
    a = new MongoProjectionLease(leases.asCollection);
    b = new MongoProjectionLease(leases.asCollection);
  });

  it('counts on the server clock ($$NOW), not the instance’s: expiresAt is server time plus the time to live', async () => {
    expect(await a.tryAcquire('a', TTL)).toBe(true);
    expect(leases.documents).toEqual([{ _id: 'projection-runner', holder: 'a', expiresAt: new Date(leases.serverNow + TTL), acquiredAt: new Date(leases.serverNow) }]);
    // The server's clock is years ahead of this machine's: a client-clock comparison would call the lease long expired.
    expect(await b.tryAcquire('b', TTL)).toBe(false);
    const sent = JSON.stringify(leases.calls.map((call) => [call.filter, call.update]));
    expect(sent).toContain('$$NOW');
    // The only instant the lease ever sends is the epoch of a free lease: no client clock reading.
    expect(new Set(sent.match(/\d{4}-\d\d-\d\dT[\d:.]+Z/g))).toEqual(new Set(['1970-01-01T00:00:00.000Z']));
  });

  it('takes the lease in one conditional update: ours already, or run out by the server clock', async () => {
    await a.tryAcquire('a', TTL);
    const take = leases.calls.find((call) => Array.isArray(call.update));
    expect(take?.filter).toEqual({ _id: 'projection-runner', $or: [{ holder: 'a' }, { $expr: { $lte: ['$expiresAt', '$$NOW'] } }] });
    expect(take?.options).toEqual({ writeConcern: { w: 'majority' } });
    expect(take?.options.upsert).toBeUndefined();
  });

  it('creates the lease document, free, only when there is none, and writes everything with write concern majority', async () => {
    await a.tryAcquire('a', TTL);
    expect(leases.calls.map((call) => [call.options.upsert ?? false, Array.isArray(call.update) ? 'pipeline' : Object.keys(call.update)])).toEqual([
      [false, 'pipeline'], // take: nothing to match yet
      [true, ['$setOnInsert']], // create it free (an upsert may not carry $expr)
      [false, 'pipeline'], // take it
    ]);
    await a.renew('a', TTL);
    await a.release('a');
    expect(leases.calls.every((call) => (call.options.writeConcern as { w?: string })?.w === 'majority')).toBe(true);
    expect(leases.documents).toHaveLength(1);
  });

  it('treats the duplicate key of a simultaneous creation as "not acquired"; the instance that created it takes it', async () => {
    leases.beforeNextInsert = () => leases.documents.push({ _id: 'projection-runner', holder: null, expiresAt: new Date(0) });
    expect(await a.tryAcquire('a', TTL)).toBe(false);
    expect(await b.tryAcquire('b', TTL)).toBe(true);
    expect(await a.tryAcquire('a', TTL)).toBe(false);
  });

  it('keeps acquiredAt while its holder takes it again, and sets it anew on a takeover', async () => {
    await a.tryAcquire('a', TTL);
    const firstTaken = leases.serverNow;
    leases.serverNow += 5000;
    await a.tryAcquire('a', TTL);
    expect(leases.documents[0].acquiredAt).toEqual(new Date(firstTaken));
    leases.serverNow += TTL + 1;
    await b.tryAcquire('b', TTL);
    expect(leases.documents[0]).toMatchObject({ holder: 'b', acquiredAt: new Date(leases.serverNow) });
  });

  it('lets a driver error through: the caller (the leadership) counts it as "not held"', async () => {
    leases.failure = new MongoServerError({ message: 'not primary', code: 10107 });
    await expect(a.tryAcquire('a', TTL)).rejects.toThrow('not primary');
    await expect(a.renew('a', TTL)).rejects.toThrow('not primary');
  });

  it('lives in the read models’ own database, in the `leases` collection', async () => {
    const collections: string[] = [];
    const client = { db: () => ({ collection: (name: string) => (collections.push(name), leases) }), startSession: () => undefined, close: async () => undefined };
    const lease = new MongoReadModelStore(client as never, 'resolution_ledger').projectionLease();
    expect(await lease.tryAcquire('a', TTL)).toBe(true);
    expect(collections).toEqual(['leases']);
    expect(leases.documents[0].holder).toBe('a');
  });
});
