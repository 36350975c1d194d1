/**
 * The read store contract, and the projections through the runner and the app, against a real
 * MongoDB replica set wherever MONGODB_URI points at one (`docker compose up eventstore mongo`,
 * then `npm run test:servers`). Everything goes to a database of its own (MONGODB_DATABASE +
 * "_test"), which the suite empties as it needs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { ALL_PROJECTIONS } from '../../projections';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { CheckpointBehindError, MongoReadStore } from '../../src/read-store/mongo-read-store';
import { DuplicateKeyError } from '../../src/read-store/read-store.errors';
import type { ReadDocument, ReadStore } from '../../src/read-store/read-store.port';
import { mongoTestTarget, printSkipped } from '../support/server-stores';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeReadStoreContract } from './read-store.contract';

const collections = [...new Set(ALL_PROJECTIONS.map((projection) => projection.collection))];

async function everyDocument(store: ReadStore): Promise<Record<string, ReadDocument[]>> {
  const all: Record<string, ReadDocument[]> = {};
  for (const name of collections) all[name] = await store.collection(name).find({}, { sort: { _id: 1 } });
  return all;
}

if (mongoTestTarget) {
  const { uri, database } = mongoTestTarget;
  const open = () => MongoReadStore.fromUri(uri, database);

  beforeAll(async () => {
    const client = new MongoClient(uri);
    try {
      await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
  });

  describeReadStoreContract('MongoDB at MONGODB_URI', open);

  describe('MongoDB at MONGODB_URI, beyond the contract', () => {
    let store: MongoReadStore;
    beforeEach(async () => {
      store = open();
      await store.reset(['contract_unique'], 'contract_forward');
    });
    afterEach(async () => store.close());

    it('refuses a duplicate key in a unique index with DuplicateKeyError, writing none of the batch', async () => {
      const unique = store.collection<ReadDocument & { key: string }>('contract_unique');
      await unique.createIndexes([{ key: { key: 1 }, name: 'key_unique', unique: true }]);
      await unique.replaceMany([{ _id: 'a', key: 'k' }]);

      await expect(unique.replaceMany([{ _id: 'c', key: 'other' }, { _id: 'b', key: 'k' }])).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await unique.countDocuments({})).toBe(1);
    });

    it('never moves a checkpoint backwards, and leaves the documents of a refused commit unwritten', async () => {
      await store.commit(new Map(), { name: 'contract_forward', position: 50 });
      const behind = store.commit(new Map([['contract_unique', [{ _id: 'late' }]]]), { name: 'contract_forward', position: 40 });

      await expect(behind).rejects.toBeInstanceOf(CheckpointBehindError);
      expect(await store.loadCheckpoint('contract_forward')).toBe(50);
      expect(await store.collection('contract_unique').findOne({ _id: 'late' })).toBeNull();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  describe('the projections through the app on MongoDB at MONGODB_URI', () => {
    let app: TestApp | null = null;
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'ledger-mongo-'));
    });
    afterEach(async () => {
      await app?.close();
      app = null;
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('builds the same read models as in memory, serves queries from them, and resumes from its checkpoint after a restart', async () => {
      const reads = open();
      await reads.reset(collections, 'read-models');
      app = await startTestApp({ readStore: reads, dataDir });
      const head = await app.eventStore.headPosition();

      const inMemory = new InMemoryReadStore();
      const reference = new ProjectionRunner(app.eventStore, inMemory, [...ALL_PROJECTIONS], { logger: { log: () => undefined, error: () => undefined } });
      expect(await reference.catchUp()).toBe(head);
      expect(await everyDocument(reads)).toEqual(await everyDocument(inMemory));
      expect(await reads.loadCheckpoint('read-models')).toBe(head);

      const economy = await app.get('/indicators?group=economy').expect(200);
      expect(economy.body.total).toBeGreaterThan(0);

      await app.close();
      // Same event store file, same MongoDB: the runner starts from the stored checkpoint, not from zero.
      const commits: number[] = [];
      const again = open();
      const commit = again.commit.bind(again);
      again.commit = async (writes, checkpoint) => {
        commits.push(checkpoint.position);
        return commit(writes, checkpoint);
      };
      app = await startTestApp({ readStore: again, dataDir });
      expect(commits).toEqual([]);
      expect(await everyDocument(again)).toEqual(await everyDocument(inMemory));
    });
  });
} else {
  printSkipped('MONGODB_URI', 'mongodb://localhost:27017/?replicaSet=rs0', 'the read store contract suite and the projections on MongoDB');
  describe.skip('ReadStore contract and projections: MongoDB (needs MONGODB_URI)', () => {
    it('runs the read store contract suite and the projections against the server', () => undefined);
  });
}
