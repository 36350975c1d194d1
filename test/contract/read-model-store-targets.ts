/**
 * The read-model stores the contract suites run against: SQLite in a temporary file (always), and
 * MongoDB wherever MONGODB_URI points at a server, each suite on a database of its own that it
 * drops when done.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { MONGO_CLIENT_OPTIONS, MongoReadModelStore } from '../../src/read-models/mongo/mongo-read-model-store';
import { generationName, type Generation, type ReadModelStore } from '../../src/read-models/read-model-store.port';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';

/** A store on storage of its own. */
export interface OpenedStore {
  store: ReadModelStore;
  /** Another store on the same storage, as a restarted process would open it. */
  reopen(): Promise<ReadModelStore>;
  /** The tables (SQLite: its own and its side tables) or collections (MongoDB) that hold a generation's documents. */
  storageOf(generation: Pick<Generation, 'readModel' | 'generation'>): Promise<string[]>;
  /** Closes every store opened on the storage, then removes the storage. */
  dispose(): Promise<void>;
}

export interface StoreTarget {
  name: string;
  /** Fresh, empty storage for one suite; `purpose` names it (a MongoDB database name). */
  open(purpose: string): Promise<OpenedStore>;
}

export const sqliteTarget: StoreTarget = {
  name: 'SQLite',
  async open() {
    const directory = mkdtempSync(join(tmpdir(), 'read-model-contract-'));
    const filename = join(directory, 'read-models.db');
    const stores: ReadModelStore[] = [new SqliteReadModelStore({ filename })];
    return {
      store: stores[0],
      async reopen() {
        const store = new SqliteReadModelStore({ filename });
        stores.push(store);
        return store;
      },
      async storageOf(generation) {
        const name = generationName(generation);
        const db = new Database(filename, { readonly: true });
        try {
          const rows = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND (name = ? OR substr(name, 1, ?) = ?) ORDER BY name`).all(name, name.length + 2, `${name}__`);
          return (rows as Array<{ name: string }>).map((row) => row.name);
        } finally {
          db.close();
        }
      },
      async dispose() {
        for (const store of stores) await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
};

export function mongoTarget(uri: string, testDatabase: string): StoreTarget {
  return {
    name: 'MongoDB at MONGODB_URI',
    async open(purpose) {
      // A database per suite and run: suites in parallel never share one, and a failed run leaves nothing a later run reads.
      const database = `${testDatabase}_${purpose}_${randomUUID().slice(0, 6)}`.slice(0, 63);
      const admin = new MongoClient(uri, MONGO_CLIENT_OPTIONS);
      await admin.db(database).dropDatabase();
      const stores: ReadModelStore[] = [MongoReadModelStore.fromUri(uri, database)];
      return {
        store: stores[0],
        async reopen() {
          const store = MongoReadModelStore.fromUri(uri, database);
          stores.push(store);
          return store;
        },
        async storageOf(generation) {
          const collections = await admin.db(database).listCollections({ name: generationName(generation) }, { nameOnly: true }).toArray();
          return collections.map((collection) => collection.name);
        },
        async dispose() {
          for (const store of stores) await store.close();
          try {
            await admin.db(database).dropDatabase();
          } finally {
            await admin.close();
          }
        },
      };
    },
  };
}
