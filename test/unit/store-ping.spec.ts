/** `ping()` on the embedded stores, the cheap reachability check the health endpoint can use. */
import { EventStoreClosedError } from '../../src/event-store/event-store.errors';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { ReadStoreClosedError } from '../../src/read-store/read-store.errors';

describe('ping on the embedded stores', () => {
  it('answers while the SQLite store is open, and refuses once closed', async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreClosedError);
  });

  it('answers while the in-memory store is open, and refuses once closed', async () => {
    const store = new InMemoryReadStore();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(ReadStoreClosedError);
  });
});
