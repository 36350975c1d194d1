/**
 * The EventStoreDB adapter's logic, run against a SIMULATED server (test/support/
 * simulated-eventstoredb-client.ts) because no EventStoreDB can run here. It checks what the
 * adapter does with the client's documented behaviour; the real server is checked by
 * eventstoredb-event-store.spec.ts whenever EVENTSTORE_CONNECTION_STRING is set.
 */
import { createServer } from 'node:net';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import { EventStoreNoLeaderError } from '../../src/event-store/eventstoredb/eventstoredb.errors';
import { StoreUnavailableError } from '../../src/shared/errors';
import { SimulatedEventStoreDbClient } from '../support/simulated-eventstoredb-client';
import { collectFromSubscription, describeEventStoreContract, newEvent, newEvents, uniqueStreamId } from './event-store.contract';

const PREFIXES = ['contract-'];

describeEventStoreContract('EventStoreDB adapter over a simulated server', async () => new EventStoreDbEventStore(new SimulatedEventStoreDbClient(), { streamPrefixes: PREFIXES, readBatchSize: 3 }));

describe('EventStoreDB adapter over a simulated server, beyond the contract', () => {
  let server: SimulatedEventStoreDbClient;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    server = new SimulatedEventStoreDbClient();
    store = new EventStoreDbEventStore(server, { streamPrefixes: PREFIXES, readBatchSize: 2 });
  });

  afterEach(async () => {
    await store.close();
  });

  it('appends with NO_STREAM to create a stream and the bigint revision afterwards, never ANY', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, [newEvent()], 'no_stream');
    await store.appendToStream(streamId, newEvents(2), 0);

    expect(server.appends.map((a) => a.expectedRevision)).toEqual(['no_stream', 0n]);
  });

  it('answers a multi-event append with the position of its last event (read back, whatever the server reports for the write)', async () => {
    const streamId = uniqueStreamId();
    const result = await store.appendToStream(streamId, newEvents(3), 'no_stream');
    const stored = await store.readStream(streamId);

    expect(result).toEqual({ nextRevision: 2, position: stored[2].position });
  });

  it('does not store a retried batch again when it is retried at the stream’s current revision', async () => {
    const streamId = uniqueStreamId();
    const batch = newEvents(2);
    const original = await store.appendToStream(streamId, batch, 'no_stream');

    // The server alone would append it again here (expected revision = current revision).
    expect(await store.appendToStream(streamId, batch, 1)).toEqual(original);
    expect(await store.readStream(streamId)).toHaveLength(2);
    expect(server.appends).toHaveLength(1);
  });

  it('reads only the events stored since its last append to a stream, not the whole stream, for its idempotency check', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, [newEvent()], 'no_stream');
    const before = server.streamEventsRead;
    for (let revision = 0; revision < 30; revision += 1) await store.appendToStream(streamId, [newEvent()], revision);
    // Each append reads the one event the previous append stored: 30, where whole reads took 1 + 2 + … + 30 = 465.
    expect(server.streamEventsRead - before).toBe(30);
    // A retry of an early batch is still found, at whatever revision it is retried.
    const early = newEvents(2);
    const original = await store.appendToStream(streamId, early, 30);
    await store.appendToStream(streamId, [newEvent()], 32);
    expect(await store.appendToStream(streamId, early, 33)).toEqual(original);
    expect(await store.readStream(streamId)).toHaveLength(34);
  });

  it('sees what another process appended before its check: a batch another instance stored is answered, not stored again', async () => {
    const other = new EventStoreDbEventStore(server, { streamPrefixes: PREFIXES, readBatchSize: 2 });
    try {
      const streamId = uniqueStreamId();
      await store.appendToStream(streamId, newEvents(2), 'no_stream');
      const batch = newEvents(2);
      const original = await other.appendToStream(streamId, batch, 1);
      expect(await store.appendToStream(streamId, batch, 3)).toEqual(original);
      expect(await store.readStream(streamId)).toHaveLength(4);
      // And a conflict is still a conflict once the tail is known.
      await expect(store.appendToStream(streamId, [newEvent()], 1)).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', currentRevision: 3 });
    } finally {
      await other.close();
    }
  });

  it('refuses a batch that repeats an event id within itself, appending nothing', async () => {
    const streamId = uniqueStreamId();
    const event = newEvent();
    await expect(store.appendToStream(streamId, [event, event], 'no_stream')).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', eventId: event.metadata.eventId });
    expect(server.appends).toHaveLength(0);
  });

  it('leaves system events and other applications’ streams out of readAll, the head and subscriptions', async () => {
    const ours = uniqueStreamId();
    const before = await store.headPosition();
    await store.appendToStream(ours, [newEvent()], 'no_stream');
    server.writeSystemRecord('$stats-127.0.0.1:2113', '$statsCollected');
    server.writeForeignEvent('billing-42');
    await store.appendToStream(ours, [newEvent()], 0);
    server.writeSystemRecord('$$contract-x', '$metadata');
    server.writeForeignEvent('billing-43');

    const page = await store.readAll({ fromPosition: before });
    expect(page.map((e) => [e.streamId, e.revision])).toEqual([
      [ours, 0],
      [ours, 1],
    ]);
    expect(await store.headPosition()).toBe(page[1].position);

    const subscription = store.subscribeToAll(before);
    try {
      const { all } = await collectFromSubscription(subscription, [ours], 2);
      expect(all.map((e) => e.streamId)).toEqual([ours, ours]);
    } finally {
      await subscription.close();
    }
  });

  it('counts the ledger events after a position, where positions are byte offsets: not the gap between them, and none of the system or foreign records', async () => {
    const ours = uniqueStreamId();
    const before = await store.headPosition();
    await store.appendToStream(ours, newEvents(2), 'no_stream');
    server.writeSystemRecord('$stats-127.0.0.1:2113', '$statsCollected');
    server.writeForeignEvent('billing-44');
    await store.appendToStream(ours, [newEvent()], 1);

    expect(await store.countAfter(before, 100)).toBe(3);
    expect((await store.headPosition()) - before).toBeGreaterThan(3);
    expect(await store.countAfter(before, 2)).toBe(2);
  });

  it('reads the head as 0 when the store holds only events that are not the ledger’s', async () => {
    server.writeForeignEvent('billing-1');
    server.writeSystemRecord('$stats-x', '$statsCollected');
    expect(await store.headPosition()).toBe(0);
  });

  it('ends a subscription with StoreUnavailableError when the connection drops, and a new one resumes exactly after the last event', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, newEvents(2), 'no_stream');
    const first = store.subscribeToAll(0);
    const { ours } = await collectFromSubscription(first, [streamId], 2);
    const pending = first[Symbol.asyncIterator]().next();

    server.dropSubscriptions();

    await expect(pending).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.appendToStream(streamId, [newEvent()], 1);
    const resumed = store.subscribeToAll(ours[1].position);
    try {
      const { ours: next } = await collectFromSubscription(resumed, [streamId], 1);
      expect(next.map((e) => e.revision)).toEqual([2]);
    } finally {
      await resumed.close();
    }
  });

  it('treats a reported failure (throwOnAppendFailure=false) as the conflict it is', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, newEvents(2), 'no_stream');
    server.appendToStream = async () => ({ success: false, nextExpectedRevision: 1n, position: undefined });

    await expect(store.appendToStream(streamId, [newEvent()], 0)).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', currentRevision: 1, expectedRevision: 0 });
  });

  it('closes its subscriptions and the client on close, and then refuses to be used', async () => {
    const subscription = store.subscribeToAll(0);
    expect(server.openSubscriptionCount).toBe(1);

    await store.close();

    expect(server.openSubscriptionCount).toBe(0);
    expect(server.disposed).toBe(true);
    expect((await subscription[Symbol.asyncIterator]().next()).done).toBe(true);
    await expect(store.readStream('contract-x')).rejects.toMatchObject({ code: 'EVENT_STORE_CLOSED' });
  });

  it('pings by reading $all, and reports an unreachable server as unavailable', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    server.readAll = () => {
      throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), { type: 'unavailable' });
    };
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('EventStoreDB adapter over a simulated cluster with no leader', () => {
  let server: SimulatedEventStoreDbClient;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    server = new SimulatedEventStoreDbClient();
    store = new EventStoreDbEventStore(server, { streamPrefixes: PREFIXES, readBatchSize: 2 });
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers every operation with EventStoreNoLeaderError (503 EVENT_STORE_UNAVAILABLE), not the client’s untyped error, and recovers with the election', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, newEvents(1), 'no_stream');
    server.loseLeader();

    const operations: Array<[string, () => Promise<unknown>]> = [
      ['appendToStream', () => store.appendToStream(streamId, [newEvent()], 0)],
      ['readStream', () => store.readStream(streamId)],
      ['readAll', () => store.readAll({ fromPosition: 0 })],
      ['headPosition', () => store.headPosition()],
      ['countAfter', () => store.countAfter(0, 10)],
      ['ping', () => store.ping()],
      ['checkLeader', () => store.checkLeader()],
    ];
    for (const [name, operation] of operations) {
      const error = await operation().then(
        () => new Error(`${name} succeeded without a leader`),
        (failure: unknown) => failure,
      );
      expect({ name, isNoLeader: error instanceof EventStoreNoLeaderError, isUnavailable: error instanceof StoreUnavailableError }).toEqual({ name, isNoLeader: true, isUnavailable: true });
      expect(error).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', details: { reason: 'discovery-failed' } });
      expect((error as Error & { cause: Error }).cause.message).toBe('Failed to discover after 10 attempts.');
    }

    server.electLeader();
    await expect(store.appendToStream(streamId, [newEvent()], 0)).resolves.toMatchObject({ nextRevision: 1 });
  });

  it('ends an open subscription with it, and one opened while there is no leader too', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, newEvents(1), 'no_stream');
    const open = store.subscribeToAll(0);
    await collectFromSubscription(open, [streamId], 1);
    const pending = open[Symbol.asyncIterator]().next();

    server.loseLeader();

    await expect(pending).rejects.toBeInstanceOf(EventStoreNoLeaderError);
    const opened = store.subscribeToAll(0);
    await expect(opened[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(EventStoreNoLeaderError);
  });

  it('checks for a leader with a read only the leader may answer; the health ping accepts any member', async () => {
    await store.checkLeader();
    expect(server.leaderOnlyReads).toBe(1);
    await store.ping();
    expect(server.leaderOnlyReads).toBe(1);
  });
});

describe('EventStoreDB adapter over the real client, with every member of the cluster refusing connections', () => {
  it('recognises the client’s own discovery failure ("Failed to discover after N attempts.") as EventStoreNoLeaderError', async () => {
    const [first, second] = await closedLoopbackPorts(2);
    // Two seeds make the client discover by gossip, as with the three-node cluster; quick rounds keep the test short.
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${first},127.0.0.1:${second}?tls=false&maxDiscoverAttempts=2&discoveryInterval=10&gossipTimeout=1`);
    const real = new EventStoreDbEventStore(client, { streamPrefixes: PREFIXES });
    try {
      const error = await real.readStream('contract-any').then(
        () => new Error('read without a cluster'),
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(EventStoreNoLeaderError);
      expect(error).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', details: { operation: 'readStream', reason: 'discovery-failed' } });
      expect((error as Error & { cause: Error }).cause.message).toMatch(/^Failed to discover after 2 attempts/);
    } finally {
      await real.close();
    }
  });
});

/** Ports on 127.0.0.1 that were free a moment ago and have nothing listening now: connections are refused at once. */
async function closedLoopbackPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i += 1) {
    ports.push(
      await new Promise<number>((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
          const address = probe.address();
          probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
      }),
    );
  }
  return ports;
}
