/** `ping()` on the embedded stores, the cheap reachability check the health endpoint can use. */
import { EventStoreClosedError } from '../../src/event-store/event-store.errors';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ReadModelStoreClosedError } from '../../src/read-models/read-model.errors';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';

describe('ping on the embedded stores', () => {
  it('answers while the SQLite store is open, and refuses once closed', async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreClosedError);
  });

  it('answers while the SQLite read-model store is open, and refuses once closed', async () => {
    const store = new SqliteReadModelStore({ filename: ':memory:' });
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(ReadModelStoreClosedError);
  });
});
