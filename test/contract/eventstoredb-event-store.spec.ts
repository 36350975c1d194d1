/**
 * The event store contract against a real EventStoreDB, wherever EVENTSTORE_CONNECTION_STRING
 * points at one (`docker compose up eventstore mongo`, then `npm run test:servers`). Streams are
 * named `contract-<uuid>` and the adapter reads only that category, so the suite runs on a server
 * holding other data, the ledger's included, and leaves it alone.
 */
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import { describeWithServer, EVENTSTOREDB } from '../support/server-stores';
import { describeEventStoreContract } from './event-store.contract';

describeWithServer('the event store contract suite on EventStoreDB', EVENTSTOREDB, (connection) => {
  describeEventStoreContract('EventStoreDB at EVENTSTORE_CONNECTION_STRING', async () =>
    EventStoreDbEventStore.fromConnectionString(connection, { streamPrefixes: ['contract-'] }),
  );

  describe('EventStoreDB at EVENTSTORE_CONNECTION_STRING, beyond the contract', () => {
    it('answers ping', async () => {
      const store = EventStoreDbEventStore.fromConnectionString(connection, { streamPrefixes: ['contract-'] });
      try {
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
});
