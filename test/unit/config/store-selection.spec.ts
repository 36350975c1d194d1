/** Which stores the app runs on: chosen from the environment in config.ts, built in stores.ts. */
import { ConfigError, loadConfig, storeConfig } from '../../../src/config/config';
import { EventStoreDbEventStore } from '../../../src/event-store/eventstoredb-event-store';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { createEventStore, createProjectionLease, createReadModelStore } from '../../../src/infrastructure/stores';
import { SingleProcessLease } from '../../../src/projection-lease/single-process-lease';
import { MongoReadModelStore } from '../../../src/read-models/mongo/mongo-read-model-store';
import { SqliteReadModelStore } from '../../../src/read-models/sqlite/sqlite-read-model-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('store selection', () => {
  it('runs on SQLite files in DATA_DIR when no server is configured', () => {
    expect(storeConfig({ DATA_DIR: '/srv/ledger' })).toEqual({
      eventStore: { kind: 'sqlite', filename: '/srv/ledger/events.db' },
      readStore: { kind: 'sqlite', filename: '/srv/ledger/read-models.db' },
    });
  });

  it('selects EventStoreDB with EVENTSTORE_CONNECTION_STRING and MongoDB with MONGODB_URI, independently', () => {
    expect(storeConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' })).toMatchObject({
      eventStore: { kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' },
      readStore: { kind: 'sqlite' },
    });
    expect(storeConfig({ MONGODB_URI: 'mongodb://localhost:27017/?replicaSet=rs0' })).toMatchObject({
      eventStore: { kind: 'sqlite' },
      readStore: { kind: 'mongodb', uri: 'mongodb://localhost:27017/?replicaSet=rs0', database: 'resolution_ledger' },
    });
    expect(
      storeConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb+discover://admin:changeit@es1:2113,es2:2113?tls=true', MONGODB_URI: 'mongodb+srv://ledger:pw@cluster.example/', MONGODB_DATABASE: 'ledger_prod' }),
    ).toEqual({
      eventStore: { kind: 'eventstoredb', connectionString: 'esdb+discover://admin:changeit@es1:2113,es2:2113?tls=true' },
      readStore: { kind: 'mongodb', uri: 'mongodb+srv://ledger:pw@cluster.example/', database: 'ledger_prod' },
    });
  });

  it('treats empty variables as unset', () => {
    expect(storeConfig({ EVENTSTORE_CONNECTION_STRING: '', MONGODB_URI: ' ', MONGODB_DATABASE: '' })).toMatchObject({ eventStore: { kind: 'sqlite' }, readStore: { kind: 'sqlite' } });
  });

  it.each([
    [{ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, /EVENTSTORE_CONNECTION_STRING/],
    [{ MONGODB_URI: 'localhost:27017' }, /MONGODB_URI/],
    [{ MONGODB_URI: 'mongodb://localhost', MONGODB_DATABASE: 'ledger.prod' }, /MONGODB_DATABASE/],
    [{ MONGODB_URI: 'mongodb://localhost', MONGODB_DATABASE: 'x'.repeat(64) }, /MONGODB_DATABASE/],
  ])('refuses a malformed store setting %j at start', (env, message) => {
    expect(() => storeConfig(env)).toThrow(ConfigError);
    expect(() => storeConfig(env)).toThrow(message);
  });

  it('is part of the whole configuration', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/?replicaSet=rs0', PRINCIPALS_JSON: '[]' }).readStore).toEqual({
      kind: 'mongodb',
      uri: 'mongodb://db:27017/?replicaSet=rs0',
      database: 'resolution_ledger',
    });
  });

  describe('stores.ts builds the adapter the configuration names (without dialling any server)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-stores-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('SQLite files by default', async () => {
      const config = loadConfig({ DATA_DIR: dir });
      const events = createEventStore(config);
      const reads = createReadModelStore(config);
      expect(events).toBeInstanceOf(SqliteEventStore);
      expect(reads).toBeInstanceOf(SqliteReadModelStore);
      await Promise.all([events.close(), reads.close()]);
    });

    it('EventStoreDB and MongoDB when configured', async () => {
      const config = loadConfig({
        DATA_DIR: dir,
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
        MONGODB_URI: 'mongodb://127.0.0.1:1/?replicaSet=rs0&serverSelectionTimeoutMS=100',
        PRINCIPALS_JSON: '[]',
      });
      const events = createEventStore(config);
      const reads = createReadModelStore(config);
      expect(events).toBeInstanceOf(EventStoreDbEventStore);
      expect(reads).toBeInstanceOf(MongoReadModelStore);
      await Promise.all([events.close(), reads.close()]);
    });
  });

  describe('the production clients are loaded only when configured (start-up time and memory)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-stores-'));
    });
    afterEach(() => {
      jest.dontMock('@eventstore/db-client');
      jest.dontMock('mongodb');
      rmSync(dir, { recursive: true, force: true });
    });

    /**
     * Runs `use` on stores.ts loaded in a fresh module registry in which requiring either client
     * throws, so loading one is visible. The registry lives only while `use` runs (the adapters
     * load their clients lazily, inside the calls, so the calls must happen in there too).
     */
    function withClientsForbidden<T>(use: (stores: typeof import('../../../src/infrastructure/stores')) => T): T {
      let result!: T;
      jest.isolateModules(() => {
        jest.doMock('@eventstore/db-client', () => {
          throw new Error('@eventstore/db-client was loaded');
        });
        jest.doMock('mongodb', () => {
          throw new Error('mongodb was loaded');
        });
        result = use(require('../../../src/infrastructure/stores') as typeof import('../../../src/infrastructure/stores'));
      });
      return result;
    }

    it('the embedded stores and their lease load neither client', async () => {
      const config = loadConfig({ DATA_DIR: dir });
      const { events, reads, lease } = withClientsForbidden((stores) => {
        const built = { events: stores.createEventStore(config), reads: stores.createReadModelStore(config) };
        return { ...built, lease: stores.createProjectionLease(built.reads) };
      });
      expect(lease.constructor.name).toBe('SingleProcessLease');
      await Promise.all([events.close(), reads.close()]);
    });

    it('a configured server loads its client when its store is built', () => {
      const base = { DATA_DIR: dir, PRINCIPALS_JSON: '[]' };
      const esdb = loadConfig({ ...base, EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' });
      const mongo = loadConfig({ ...base, MONGODB_URI: 'mongodb://127.0.0.1:1/?replicaSet=rs0' });
      expect(() => withClientsForbidden((stores) => stores.createEventStore(esdb))).toThrow('@eventstore/db-client was loaded');
      expect(() => withClientsForbidden((stores) => stores.createReadModelStore(mongo))).toThrow('mongodb was loaded');
    });

    it('the MongoDB store brings its own lease; any other store gets the single-process one', async () => {
      const reads = createReadModelStore(loadConfig({ DATA_DIR: dir }));
      expect(createProjectionLease(reads)).toBeInstanceOf(SingleProcessLease);
      const mongo = createReadModelStore(
        loadConfig({ DATA_DIR: dir, MONGODB_URI: 'mongodb://127.0.0.1:1/?replicaSet=rs0&serverSelectionTimeoutMS=100', PRINCIPALS_JSON: '[]' }),
      );
      expect(createProjectionLease(mongo)).not.toBeInstanceOf(SingleProcessLease);
      await Promise.all([reads.close(), mongo.close()]);
    });
  });
});
