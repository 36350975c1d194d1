/**
 * The projection lease on a real MongoDB replica set wherever MONGODB_URI points at one (`docker
 * compose up eventstore mongo`, then `npm run test:servers`): the lease contract in real time, and
 * instances on separate connections racing for it. Everything goes to MONGODB_DATABASE + "_test".
 */
import { MongoClient } from 'mongodb';
import { LEASES_COLLECTION, MongoProjectionLease, type LeaseDocument } from '../../src/projection-lease/mongo-projection-lease';
import { MONGO_CLIENT_OPTIONS, MongoReadModelStore } from '../../src/read-models/mongo/mongo-read-model-store';
import { describeWithServer, MONGODB } from '../support/server-stores';
import { describeProjectionLeaseContract } from './projection-lease.contract';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describeWithServer('the projection lease contract and the takeover race on MongoDB', MONGODB, ({ uri, database }) => {
  // One client per competing instance, as separate app instances would have.
  const clients = Array.from({ length: 4 }, () => new MongoClient(uri, MONGO_CLIENT_OPTIONS));
  const leasesOf = (client: MongoClient) => client.db(database).collection<LeaseDocument>(LEASES_COLLECTION);
  const forget = () => leasesOf(clients[0]).deleteMany({});

  afterAll(async () => {
    for (const client of clients) await client.close();
  });

  describeProjectionLeaseContract('MongoDB at MONGODB_URI (real time)', {
    ttlMs: 1000,
    fresh: async () => {
      await forget();
      return new MongoProjectionLease(leasesOf(clients[0]));
    },
    pass: sleep,
  });

  describe('MongoDB lease at MONGODB_URI: instances competing', () => {
    beforeEach(forget);

    it('gives the lease to exactly one of several instances trying at the same moment, whether the document exists yet or not', async () => {
      const leases = clients.map((client) => new MongoProjectionLease(leasesOf(client)));
      for (let round = 0; round < 10; round += 1) {
        // Even rounds: no document yet (the creation race); odd rounds: a document that has just run out.
        if (round % 2 === 0) await forget();
        else await leasesOf(clients[0]).updateOne({ _id: 'projection-runner' }, { $set: { holder: 'gone', expiresAt: new Date(0) } });
        const won = await Promise.all(leases.map((lease, i) => lease.tryAcquire(`instance-${i}-round-${round}`, 60_000)));
        expect(won.filter(Boolean)).toHaveLength(1);
        const stored = await leasesOf(clients[0]).findOne({ _id: 'projection-runner' });
        expect(stored?.holder).toBe(`instance-${won.indexOf(true)}-round-${round}`);
      }
    });

    it('is the read store’s own lease: stored in `leases` beside the read models, timed by the server', async () => {
      const store = MongoReadModelStore.fromUri(uri, database);
      try {
        expect(await store.projectionLease().tryAcquire('via-read-store', 5000)).toBe(true);
        const stored = await leasesOf(clients[0]).findOne({ _id: 'projection-runner' });
        expect(stored).toMatchObject({ holder: 'via-read-store' });
        expect(stored!.expiresAt.getTime() - stored!.acquiredAt!.getTime()).toBe(5000);
      } finally {
        await store.close();
      }
    });
  });
});
