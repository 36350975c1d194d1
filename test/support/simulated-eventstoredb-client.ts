/**
 * An in-process stand-in for EventStoreDB behind the client's API, for tests that cannot reach a
 * server. It is a SIMULATION of the documented server behaviour the adapter relies on, not the
 * server: the real one is tested by test/contract/eventstoredb-event-store.spec.ts wherever
 * EVENTSTORE_CONNECTION_STRING points at one.
 *
 * What it reproduces, each point from the server's code or the client's documentation:
 * - every event of a gRPC append is its own record: commit position = prepare position = its log
 *   offset, offsets increase with record size, system records (`$…`) are interleaved;
 * - the append result reports `{ commit: last event, prepare: first event }` for several events
 *   (so an adapter cannot take it for the last event's position);
 * - expected-revision checks with the server's idempotency rule (IndexWriter.CheckCommit): retried
 *   at an earlier revision, matching ids are idempotent and a partial match is "wrong expected
 *   version"; retried at the current revision, the events are stored again (duplicates);
 * - `readAll` from a position is inclusive, backwards it is exclusive, positions must be those of
 *   records; `subscribeToAll` from a position is exclusive; filters apply to subscriptions only;
 * - a missing stream reads as StreamNotFoundError; `unsubscribe()` cancels but does not end the
 *   readable, as in the client.
 * It refuses appends with ANY or STREAM_EXISTS outright: the ledger must never send them.
 *
 * A cluster without a leader (`loseLeader()`, until `electLeader()`) fails every call the way the
 * real client does when its gossip discovery finds no member to talk to: with a plain
 * `Error('Failed to discover after 10 attempts.')`, rejected by appends and emitted by reads and
 * subscriptions; open subscriptions drop with it.
 */
import { PassThrough, Readable } from 'node:stream';
import {
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { EventStoreDbClient } from '../../src/event-store/eventstoredb-event-store';

interface StoredRecord {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  position: Position;
}

interface LiveSubscription {
  stream: PassThrough;
  after: bigint;
  filter?: Filter;
  cancelled: boolean;
}

const compare = (a: Position, b: Position): number => (a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1);

export class SimulatedEventStoreDbClient implements EventStoreDbClient {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Set<LiveSubscription>();
  private nextOffset = 0n;
  /** Every append call, for tests that check what the adapter sent. */
  readonly appends: Array<{ streamId: string; expectedRevision: AppendExpectedRevision | undefined; count: number }> = [];
  /** Events handed out by `readStream`, over every call: what reading streams has cost. */
  streamEventsRead = 0;
  /** Reads of $all that only a leader may answer (`requiresLeader: true`). */
  leaderOnlyReads = 0;
  disposed = false;
  private leaderless = false;

  constructor() {
    // A fresh server writes a few system records before anything else.
    this.writeSystemRecord('$settings', '$settings');
    this.writeSystemRecord('$$$scavenges', '$metadata');
  }

  /** Writes a record the ledger must never see: a system event, or an event of another application's stream. */
  writeSystemRecord(streamId: string, type: string): Position {
    return this.write(streamId, [{ id: crypto.randomUUID(), type, data: {}, metadata: undefined }]).at(-1)!.position;
  }

  writeForeignEvent(streamId: string): Position {
    return this.write(streamId, [{ id: crypto.randomUUID(), type: 'SomethingElse', data: { foreign: true }, metadata: { eventId: 'x' } }]).at(-1)!.position;
  }

  /** Simulates a dropped connection: every open subscription ends with UnavailableError. */
  dropSubscriptions(): void {
    for (const subscription of [...this.live]) {
      this.live.delete(subscription);
      subscription.stream.destroy(new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'));
    }
  }

  /** The cluster has no leader (lost quorum, or an election under way): every call fails discovery, open subscriptions drop. */
  loseLeader(): void {
    this.leaderless = true;
    for (const subscription of [...this.live]) {
      this.live.delete(subscription);
      subscription.stream.destroy(discoveryFailure());
    }
  }

  electLeader(): void {
    this.leaderless = false;
  }

  get openSubscriptionCount(): number {
    return this.live.size;
  }

  appendToStream: EventStoreDbClient['appendToStream'] = async (streamName, event, options) => {
    this.assertNotDisposed();
    const events = (Array.isArray(event) ? event : [event]) as EventData[];
    const expectedRevision = options?.expectedRevision;
    this.appends.push({ streamId: streamName, expectedRevision, count: events.length });
    if (this.leaderless) throw discoveryFailure();
    if (expectedRevision === undefined || expectedRevision === 'any' || expectedRevision === 'stream_exists') {
      throw new Error(`simulated EventStoreDB: the ledger appended to ${streamName} with ${String(expectedRevision ?? 'any (default)')}`);
    }
    const stored = this.streams.get(streamName) ?? [];
    const current = stored.length === 0 ? -1n : stored[stored.length - 1].revision;
    const expected = expectedRevision === 'no_stream' ? -1n : expectedRevision;
    const wrongVersion = () =>
      new WrongExpectedVersionError(undefined, { streamName, current: current < 0n ? 'no_stream' : current, expected: expectedRevision });

    if (expected < current) {
      let revision = expected;
      for (const proposed of events) {
        revision += 1n;
        if (stored[Number(revision)]?.id !== proposed.id) throw wrongVersion();
      }
      if (revision === expected) throw wrongVersion();
      const last = stored[Number(revision)];
      return { success: true, nextExpectedRevision: revision, position: { ...last.position } } satisfies AppendResult;
    }
    if (expected > current) throw wrongVersion();

    const written = this.write(
      streamName,
      events.map((e) => ({ id: e.id, type: e.type, data: JSON.parse(JSON.stringify(e.data)), metadata: e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata)) })),
    );
    const first = written[0];
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position.commit, prepare: first.position.prepare } };
  };

  readStream: EventStoreDbClient['readStream'] = (streamName, options) => {
    this.assertNotDisposed();
    if (this.leaderless) return this.failingRead(discoveryFailure()) as never;
    const stored = this.streams.get(streamName);
    if (!stored) return this.failingRead(new StreamNotFoundError(undefined, streamName)) as never;
    const from = options?.fromRevision;
    const forwards = (options?.direction ?? 'forwards') === 'forwards';
    let records = forwards ? [...stored] : [...stored].reverse();
    if (typeof from === 'bigint') records = records.filter((r) => (forwards ? r.revision >= from : r.revision <= from));
    if (from === 'end') records = forwards ? [] : records;
    records = records.slice(0, Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER));
    this.streamEventsRead += records.length;
    return this.read(records.map((r) => this.resolved(r))) as never;
  };

  readAll: EventStoreDbClient['readAll'] = (options) => {
    this.assertNotDisposed();
    if (options?.requiresLeader) this.leaderOnlyReads += 1;
    if (this.leaderless) return this.failingRead(discoveryFailure()) as never;
    const from = options?.fromPosition ?? 'start';
    const forwards = (options?.direction ?? 'forwards') === 'forwards';
    const maxCount = Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER);
    if (typeof from === 'object') this.assertLegitimate(from);
    let records: StoredRecord[];
    if (forwards) {
      records = from === 'start' ? this.log : from === 'end' ? [] : this.log.filter((r) => compare(r.position, from) >= 0);
    } else {
      records = from === 'end' ? [...this.log].reverse() : from === 'start' ? [] : this.log.filter((r) => compare(r.position, from) < 0).reverse();
    }
    return this.read(records.slice(0, maxCount).map((r) => this.resolved(r))) as never;
  };

  subscribeToAll: EventStoreDbClient['subscribeToAll'] = (options) => {
    this.assertNotDisposed();
    const from: ReadPosition = options?.fromPosition ?? 'start';
    if (from === 'end') throw new Error('simulated EventStoreDB: the ledger subscribed from the end');
    if (typeof from === 'object') this.assertLegitimate(from);
    const stream = new PassThrough({ objectMode: true });
    const subscription: LiveSubscription = { stream, after: from === 'start' ? -1n : from.commit, filter: options?.filter, cancelled: false };
    if (this.leaderless) {
      setImmediate(() => stream.destroy(discoveryFailure()));
    } else {
      for (const record of this.log) this.deliver(subscription, record);
      this.live.add(subscription);
    }
    return Object.assign(stream, {
      unsubscribe: async () => {
        // Like the client: the gRPC call is cancelled, the readable is left as it is.
        subscription.cancelled = true;
        this.live.delete(subscription);
      },
    }) as never;
  };

  dispose: EventStoreDbClient['dispose'] = async () => {
    this.disposed = true;
    for (const subscription of this.live) subscription.cancelled = true;
    this.live.clear();
  };

  private write(streamId: string, events: Array<{ id: string; type: string; data: unknown; metadata: unknown }>): StoredRecord[] {
    const stored = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stored);
    const written = events.map((e) => {
      const offset = this.nextOffset;
      // Records take room in the log: positions are byte offsets, not a count.
      this.nextOffset += 100n + BigInt(JSON.stringify(e.data ?? null).length + JSON.stringify(e.metadata ?? null).length);
      const record: StoredRecord = { streamId, revision: BigInt(stored.length), ...e, position: { commit: offset, prepare: offset } };
      stored.push(record);
      this.log.push(record);
      return record;
    });
    for (const record of written) for (const subscription of this.live) this.deliver(subscription, record);
    return written;
  }

  private deliver(subscription: LiveSubscription, record: StoredRecord): void {
    if (subscription.cancelled || record.position.commit <= subscription.after || !this.passes(subscription.filter, record)) return;
    subscription.stream.write(this.resolved(record));
  }

  private passes(filter: Filter | undefined, record: StoredRecord): boolean {
    if (!filter) return true;
    const subject = filter.filterOn === 'eventType' ? record.type : record.streamId;
    if ('regex' in filter) return new RegExp(filter.regex).test(subject);
    return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  }

  private assertLegitimate(position: Position): void {
    if (!this.log.some((r) => compare(r.position, position) === 0)) {
      throw new Error(`simulated EventStoreDB: ${position.commit}/${position.prepare} is not the position of a record`);
    }
  }

  private resolved(record: StoredRecord): AllStreamResolvedEvent & ResolvedEvent {
    return {
      event: {
        streamId: record.streamId,
        id: record.id,
        revision: record.revision,
        type: record.type,
        data: structuredClone(record.data),
        metadata: structuredClone(record.metadata),
        isJson: true,
        created: new Date(0),
        position: { ...record.position },
      } as never,
      commitPosition: record.position.commit,
    };
  }

  private read(items: unknown[]): Readable & { cancel(): Promise<void> } {
    return Object.assign(Readable.from(items, { objectMode: true }), { cancel: async () => undefined });
  }

  private failingRead(error: Error): Readable & { cancel(): Promise<void> } {
    const stream = new Readable({ objectMode: true, read: () => undefined });
    setImmediate(() => stream.destroy(error));
    return Object.assign(stream, { cancel: async () => undefined });
  }

  private assertNotDisposed(): void {
    if (this.disposed) throw new Error('simulated EventStoreDB: client used after dispose');
  }
}

/** What @eventstore/db-client 6 throws when gossip finds no member to talk to: a plain Error, no `type`. */
function discoveryFailure(): Error {
  return new Error('Failed to discover after 10 attempts.');
}
