/**
 * The event store contract: every adapter (SQLite, EventStoreDB) must pass it. Written against the
 * port only. The store may hold other events (earlier tests, other suites on a shared server), so
 * every test uses its own stream ids and compares positions relatively, never absolutely.
 */
import { randomUUID } from 'node:crypto';
import { InvalidEventStoreArgumentError } from '../../src/event-store/event-store.errors';
import type { EventStore, Subscription } from '../../src/event-store/event-store.port';
import { ConcurrencyError } from '../../src/shared/errors';
import { CURRENT_SCHEMA_VERSION, type NewEvent, type RecordedEvent } from '../../src/shared/messages';

export function uniqueStreamId(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

export function newEvent(type = 'ContractTested', data: Record<string, unknown> = {}, eventId = randomUUID()): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId,
      commandId: `cmd-${eventId}`,
      commandHash: 'contract',
      correlationId: `corr-${eventId}`,
      causationId: `cmd-${eventId}`,
      actor: { id: 'contract-test', unitId: null, roles: ['coordinator'] },
      recordedAt: '2021-06-30T00:00:00.000Z',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      // The store keeps the chain fields as given; only the write path computes them.
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    },
  };
}

export function newEvents(count: number, type?: string): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { i }));
}

/**
 * Takes events from a subscription until `count` of the given streams arrived. It pulls with
 * `next()` rather than `for await ... break`, because breaking out of a loop ends the iterator and
 * the caller may want to go on reading the same subscription.
 */
export async function collectFromSubscription(subscription: Subscription, streamIds: readonly string[], count: number): Promise<{ ours: RecordedEvent[]; all: RecordedEvent[] }> {
  const iterator = subscription[Symbol.asyncIterator]();
  const ours: RecordedEvent[] = [];
  const all: RecordedEvent[] = [];
  while (ours.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`subscription ended after ${ours.length} of ${count} expected events`);
    all.push(next.value);
    if (streamIds.includes(next.value.streamId)) ours.push(next.value);
  }
  return { ours, all };
}

async function expectConflict(append: Promise<unknown>, streamId: string, currentRevision: number | null): Promise<ConcurrencyError> {
  const error = await append.then(
    () => {
      throw new Error('expected the append to be refused with a ConcurrencyError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  const conflict = error as ConcurrencyError;
  expect(conflict.streamId).toBe(streamId);
  expect(conflict.currentRevision).toBe(currentRevision);
  return conflict;
}

function expectStrictlyIncreasing(positions: number[]): void {
  for (let i = 1; i < positions.length; i += 1) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
}

export function describeEventStoreContract(name: string, createStore: () => Promise<EventStore>, cleanup?: () => Promise<void> | void): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await createStore();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    describe('appendToStream', () => {
      it('creates a new stream with no_stream, at revision 0, and reads it back', async () => {
        const streamId = uniqueStreamId();
        const event = newEvent('ProgressReported', { value: 15.6, note: 'Hạ Long' });
        const result = await store.appendToStream(streamId, [event], 'no_stream');

        expect(result.nextRevision).toBe(0);
        const stored = await store.readStream(streamId);
        expect(stored).toEqual([{ ...event, streamId, revision: 0, position: result.position }]);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      });

      it('appends with the correct expected revision and moves the position forward', async () => {
        const streamId = uniqueStreamId();
        const first = await store.appendToStream(streamId, [newEvent()], 'no_stream');
        const second = await store.appendToStream(streamId, [newEvent()], first.nextRevision);

        expect(second.nextRevision).toBe(1);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('refuses a wrong expected revision with a ConcurrencyError carrying the current revision', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, newEvents(3), 'no_stream');

        const tooOld = await expectConflict(store.appendToStream(streamId, [newEvent()], 0), streamId, 2);
        expect(tooOld.expectedRevision).toBe(0);
        await expectConflict(store.appendToStream(streamId, [newEvent()], 5), streamId, 2);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses no_stream on an existing stream', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newEvent()], 'no_stream');

        const conflict = await expectConflict(store.appendToStream(streamId, [newEvent()], 'no_stream'), streamId, 0);
        expect(conflict.expectedRevision).toBe('no_stream');
      });

      it('refuses a numeric revision on a missing stream, reporting no current revision', async () => {
        const streamId = uniqueStreamId();
        await expectConflict(store.appendToStream(streamId, [newEvent()], 0), streamId, null);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('stores a multi-event batch together: consecutive revisions, increasing positions, one result', async () => {
        const streamId = uniqueStreamId();
        const events = newEvents(3);
        const result = await store.appendToStream(streamId, events, 'no_stream');

        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(stored.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.metadata.eventId));
        expectStrictlyIncreasing(stored.map((e) => e.position));
        expect(result).toEqual({ nextRevision: 2, position: stored[2].position });
      });

      it('stores none of a refused multi-event batch', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newEvent()], 'no_stream');
        const headBefore = await store.headPosition();

        await expectConflict(store.appendToStream(streamId, newEvents(3), 'no_stream'), streamId, 0);
        expect(await store.readStream(streamId)).toHaveLength(1);
        expect(await store.headPosition()).toBe(headBefore);
      });

      it('lets exactly one of several concurrent appends at the same expected revision win', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newEvent()], 'no_stream');

        const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => store.appendToStream(streamId, newEvents(2), 0)));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(4);
        for (const loss of lost) expect(loss.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('with an empty batch writes nothing, answers the current state and still checks the revision', async () => {
        const streamId = uniqueStreamId();
        const appended = await store.appendToStream(streamId, newEvents(2), 'no_stream');
        const headBefore = await store.headPosition();

        expect(await store.appendToStream(streamId, [], 1)).toEqual(appended);
        await expectConflict(store.appendToStream(streamId, [], 0), streamId, 1);
        expect((await store.appendToStream(uniqueStreamId(), [], 'no_stream')).nextRevision).toBe(-1);
        expect(await store.readStream(streamId)).toHaveLength(2);
        expect(await store.headPosition()).toBe(headBefore);
      });
    });

    describe('idempotent retries', () => {
      it('appends nothing when a batch is retried with the same expected revision, and returns the original result', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newEvent()], 'no_stream');
        const batch = newEvents(2);
        const original = await store.appendToStream(streamId, batch, 0);
        const headBefore = await store.headPosition();

        const retried = await store.appendToStream(streamId, batch, 0);

        expect(retried).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(3);
        expect(await store.headPosition()).toBe(headBefore);
      });

      it('returns the original result of an earlier batch even after the stream moved on', async () => {
        const streamId = uniqueStreamId();
        const batch = newEvents(2);
        const original = await store.appendToStream(streamId, batch, 'no_stream');
        await store.appendToStream(streamId, [newEvent()], 1);
        const headBefore = await store.headPosition();

        expect(await store.appendToStream(streamId, batch, 'no_stream')).toEqual(original);
        expect(await store.appendToStream(streamId, batch, 2)).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(3);
        expect(await store.headPosition()).toBe(headBefore);
      });

      it('refuses a retry in which only some event ids match the stored batch', async () => {
        const streamId = uniqueStreamId();
        const batch = newEvents(2);
        await store.appendToStream(streamId, batch, 'no_stream');

        await expectConflict(store.appendToStream(streamId, [batch[0], newEvent()], 1), streamId, 1);
        await expectConflict(store.appendToStream(streamId, [batch[1], batch[0]], 1), streamId, 1);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('readStream', () => {
      it('reads a stream in revision order, with type, data and metadata as appended', async () => {
        const streamId = uniqueStreamId();
        const events = [newEvent('A', { n: 1 }), newEvent('B', { nested: { list: [1, 2] } }), newEvent('C', { text: 'Hòn Gai' })];
        await store.appendToStream(streamId, events.slice(0, 1), 'no_stream');
        await store.appendToStream(uniqueStreamId(), [newEvent()], 'no_stream');
        await store.appendToStream(streamId, events.slice(1), 0);

        const stored = await store.readStream(streamId);
        expect(stored.map(({ type, data, metadata }) => ({ type, data, metadata }))).toEqual(events);
        expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(stored.every((e) => e.streamId === streamId)).toBe(true);
        expectStrictlyIncreasing(stored.map((e) => e.position));
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(uniqueStreamId())).toEqual([]);
      });

      it('reads a stream longer than any page whole, in order, and from a revision inside it', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, newEvents(2500), 'no_stream');
        const whole = await store.readStream(streamId);
        expect(whole.map((event) => event.revision)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
        expect(whole.map((event) => (event.data as { i: number }).i)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
        expect(await store.readStream(streamId, { fromRevision: 999 })).toEqual(whole.slice(999));
      });

      it('reads from a revision on: only the events at or after it, as a full read returns them', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, newEvents(3), 'no_stream');
        await store.appendToStream(uniqueStreamId(), [newEvent()], 'no_stream');
        await store.appendToStream(streamId, newEvents(2), 2);
        const whole = await store.readStream(streamId);

        expect(await store.readStream(streamId, { fromRevision: 3 })).toEqual(whole.slice(3));
        expect(await store.readStream(streamId, { fromRevision: 4 })).toEqual(whole.slice(4));
        expect(await store.readStream(streamId, { fromRevision: 0 })).toEqual(whole);
      });

      it('reads from a revision past the end, or of a missing stream, as empty', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, newEvents(2), 'no_stream');
        expect(await store.readStream(streamId, { fromRevision: 2 })).toEqual([]);
        expect(await store.readStream(streamId, { fromRevision: 50 })).toEqual([]);
        expect(await store.readStream(uniqueStreamId(), { fromRevision: 1 })).toEqual([]);
      });

      it('refuses a negative or fractional fromRevision instead of reading something else', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, newEvents(2), 'no_stream');
        for (const fromRevision of [-1, 0.5, Number.NaN]) {
          await expect(store.readStream(streamId, { fromRevision })).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
        }
      });
    });

    describe('readAll', () => {
      it('reads strictly after the given position, in position order', async () => {
        const streamA = uniqueStreamId();
        const streamB = uniqueStreamId();
        const first = await store.appendToStream(streamA, [newEvent()], 'no_stream');
        await store.appendToStream(streamB, newEvents(2), 'no_stream');
        await store.appendToStream(streamA, [newEvent()], 0);

        const page = await store.readAll({ fromPosition: first.position, limit: 1000 });
        const ours = page.filter((e) => e.streamId === streamA || e.streamId === streamB);

        expect(page.every((e) => e.position > first.position)).toBe(true);
        expectStrictlyIncreasing(page.map((e) => e.position));
        expect(ours.map((e) => [e.streamId, e.revision])).toEqual([
          [streamB, 0],
          [streamB, 1],
          [streamA, 1],
        ]);
      });

      it('reads in pages of at most `limit` that join up without gaps or repeats', async () => {
        const streamId = uniqueStreamId();
        const headBefore = await store.headPosition();
        await store.appendToStream(streamId, newEvents(5), 'no_stream');
        const headAfter = await store.headPosition();
        const expected = (await store.readAll({ fromPosition: headBefore, limit: 1000 })).filter((e) => e.position <= headAfter);

        const paged: RecordedEvent[] = [];
        let from = headBefore;
        while (from < headAfter) {
          const page = await store.readAll({ fromPosition: from, limit: 2 });
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(2);
          paged.push(...page);
          from = page[page.length - 1].position;
        }

        expect(paged.filter((e) => e.position <= headAfter)).toEqual(expected);
        expect(paged.filter((e) => e.streamId === streamId).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      });

      it('reads nothing after the head', async () => {
        expect(await store.readAll({ fromPosition: await store.headPosition() })).toEqual([]);
      });
    });

    describe('countAfter', () => {
      it('counts the events after a position (what readAll would read), not the distance between positions', async () => {
        const headBefore = await store.headPosition();
        await store.appendToStream(uniqueStreamId(), newEvents(3), 'no_stream');
        await store.appendToStream(uniqueStreamId(), newEvents(2), 'no_stream');
        const count = await store.countAfter(headBefore, 1000);
        expect(count).toBeGreaterThanOrEqual(5);
        expect(count).toBe((await store.readAll({ fromPosition: headBefore, limit: 1000 })).length);
      });

      it('stops counting at atMost', async () => {
        const headBefore = await store.headPosition();
        await store.appendToStream(uniqueStreamId(), newEvents(4), 'no_stream');
        expect(await store.countAfter(headBefore, 3)).toBe(3);
        expect(await store.countAfter(headBefore, 1)).toBe(1);
      });

      it('counts nothing after the head', async () => {
        expect(await store.countAfter(await store.headPosition(), 10)).toBe(0);
      });

      it('refuses an atMost that is not a whole number >= 1', async () => {
        for (const atMost of [0, -1, 1.5, Number.NaN]) {
          await expect(store.countAfter(0, atMost)).rejects.toBeInstanceOf(InvalidEventStoreArgumentError);
        }
      });
    });

    describe('subscribeToAll', () => {
      it('yields the stored events after the position, then live ones, in order and without repeats', async () => {
        const streamId = uniqueStreamId();
        const before = await store.headPosition();
        await store.appendToStream(streamId, newEvents(3), 'no_stream');

        const subscription = store.subscribeToAll(before);
        try {
          const received: RecordedEvent[] = [];
          received.push(...(await collectFromSubscription(subscription, [streamId], 3)).all);
          // Appended only now that the stored ones have been delivered: these must come live.
          await store.appendToStream(streamId, newEvents(2), 2);
          await store.appendToStream(streamId, [newEvent()], 4);
          received.push(...(await collectFromSubscription(subscription, [streamId], 3)).all);

          expect(received.every((e) => e.position > before)).toBe(true);
          expectStrictlyIncreasing(received.map((e) => e.position));
          expect(received.filter((e) => e.streamId === streamId).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
        } finally {
          await subscription.close();
        }
      });

      it('delivers an event appended while the subscriber is waiting', async () => {
        const streamId = uniqueStreamId();
        const subscription = store.subscribeToAll(await store.headPosition());
        try {
          const arrival = collectFromSubscription(subscription, [streamId], 1);
          await new Promise((resolve) => setTimeout(resolve, 20));
          const appended = await store.appendToStream(streamId, [newEvent()], 'no_stream');

          const { ours } = await arrival;
          expect(ours.map((e) => e.position)).toEqual([appended.position]);
        } finally {
          await subscription.close();
        }
      });

      it('ends a pending for-await when closed', async () => {
        const subscription = store.subscribeToAll(await store.headPosition());
        const loop = (async () => {
          // Events other writers append meanwhile are fine: only the end of the loop matters here.
          for await (const event of subscription) void event;
          return 'ended';
        })();
        await new Promise((resolve) => setTimeout(resolve, 20));

        await subscription.close();

        await expect(loop).resolves.toBe('ended');
      });

      it('stops yielding stored events once closed', async () => {
        const streamId = uniqueStreamId();
        const before = await store.headPosition();
        await store.appendToStream(streamId, newEvents(5), 'no_stream');
        const subscription = store.subscribeToAll(before);

        const { ours } = await collectFromSubscription(subscription, [streamId], 1);
        await subscription.close();
        const afterClose = await subscription[Symbol.asyncIterator]().next();

        expect(ours).toHaveLength(1);
        expect(afterClose.done).toBe(true);
      });
    });
  });
}
