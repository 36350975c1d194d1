/**
 * The event store contract against a real EventStoreDB, wherever EVENTSTORE_CONNECTION_STRING
 * points at one (`docker compose up eventstore mongo`, then `npm run test:servers`). Streams are
 * named `contract-<uuid>` and the adapter reads only that category, so the suite runs on a server
 * holding other data, the ledger's included, and leaves it alone.
 */
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import { eventStoreDbConnection, printSkipped } from '../support/server-stores';
import { describeEventStoreContract } from './event-store.contract';

if (eventStoreDbConnection) {
  const connection = eventStoreDbConnection;
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
} else {
  printSkipped('EVENTSTORE_CONNECTION_STRING', 'esdb://localhost:2113?tls=false', 'the event store contract suite on EventStoreDB');
  describe.skip('EventStore contract: EventStoreDB (needs EVENTSTORE_CONNECTION_STRING)', () => {
    it('runs the event store contract suite against the server', () => undefined);
  });
}
