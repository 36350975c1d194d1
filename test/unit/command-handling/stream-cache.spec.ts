/**
 * The write path's stream cache: what it keeps, what it drops, and that a command served from it
 * decides, chains and replays exactly as one that read the whole stream would.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownStream, type StreamFold } from '../../../src/command-handling/known-stream';
import { StreamCache, streamCacheFor } from '../../../src/command-handling/stream-cache';
import { StreamCommandExecutor, type StreamDecision } from '../../../src/command-handling/stream-command-executor';
import type { AppendResult, ExpectedRevision, ReadStreamOptions } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { GENESIS_HASH, sealEvents } from '../../../src/integrity/event-hash';
import { verifyChain } from '../../../src/integrity/chain-verification';
import { BusinessRuleError, ConcurrencyError } from '../../../src/shared/errors';
import type { DomainEvent, NewEvent, RecordedEvent } from '../../../src/shared/messages';

const ACTOR = { id: 'test', unitId: null, roles: ['coordinator' as const] };
/** The state is the number of events folded. */
const COUNTING: StreamFold<number> = { initial: () => 0, evolve: (seen) => seen + 1 };

/** A counter aggregate: each command appends "Counted" with the number of events it saw, so a decision on stale state shows. */
function count(streamId: string, options: { commandId?: string; expectedRevision?: number; input?: string; beforeDeciding?: () => Promise<void> } = {}): StreamDecision<number, DomainEvent> {
  const commandId = options.commandId ?? randomUUID();
  return {
    streamId,
    envelope: { commandId, correlationId: commandId, causationId: commandId, actor: ACTOR, ...(options.expectedRevision === undefined ? {} : { expectedRevision: options.expectedRevision }) },
    commandHash: options.input ?? 'count',
    fold: COUNTING,
    decide: async (seen) => {
      await options.beforeDeciding?.();
      return [{ type: 'Counted', data: { seen } }];
    },
    now: () => new Date('2021-07-01T00:00:00Z'),
  };
}

/** The SQLite store, with every readStream call recorded and appends that can be made to fail. */
class WatchedStore extends SqliteEventStore {
  readonly reads: Array<{ streamId: string; fromRevision: number | undefined }> = [];
  failNextAppend: ((append: () => Promise<AppendResult>) => Promise<AppendResult>) | null = null;

  override readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.reads.push({ streamId, fromRevision: options?.fromRevision });
    return super.readStream(streamId, options);
  }

  override appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const fail = this.failNextAppend;
    this.failNextAppend = null;
    const append = () => super.appendToStream(streamId, events, expectedRevision);
    return fail ? fail(append) : append();
  }
}

const seenBy = (events: readonly RecordedEvent[]) => events.map((e) => (e.data as { seen: number }).seen);

describe('StreamCommandExecutor with its stream cache', () => {
  let dir: string;
  let store: WatchedStore;
  let otherProcess: SqliteEventStore;
  let cache: StreamCache;
  let executor: StreamCommandExecutor;
  let streamId: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stream-cache-'));
    store = new WatchedStore({ filename: join(dir, 'events.db') });
    // A second connection to the same file: the writes of another service instance.
    otherProcess = new SqliteEventStore({ filename: join(dir, 'events.db') });
    cache = new StreamCache();
    executor = new StreamCommandExecutor(store, cache);
    streamId = `counter-${randomUUID()}`;
  });

  afterEach(async () => {
    await store.close();
    await otherProcess.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the whole stream once, then only the events after the revision it knows', async () => {
    for (let i = 0; i < 4; i++) await executor.execute(count(streamId));
    expect(store.reads).toEqual([
      { streamId, fromRevision: undefined }, // empty: nothing worth keeping yet
      { streamId, fromRevision: undefined },
      { streamId, fromRevision: 1 },
      { streamId, fromRevision: 2 },
    ]);
    expect(seenBy(await store.readStream(streamId))).toEqual([0, 1, 2, 3]);
    expect(cache.get(streamId)?.revision).toBe(2); // its own last append is learnt from the next read, not remembered
  });

  it('sees what another process appended, decides on it and chains onto it', async () => {
    await executor.execute(count(streamId));
    await executor.execute(count(streamId));
    const [theirs] = await otherProcess.readStream(streamId, { fromRevision: 1 });
    await otherProcess.appendToStream(streamId, [sealedLike(theirs, 2)], 1);

    await executor.execute(count(streamId));
    const stored = await store.readStream(streamId);
    expect(seenBy(stored)).toEqual([0, 1, 2, 3]);
    expect(stored[3].metadata.prevHash).toBe(stored[2].metadata.hash);
  });

  it('on a conflict drops the stream, and the retry reads it in full and decides afresh', async () => {
    await executor.execute(count(streamId));
    await executor.execute(count(streamId));
    let interfered = false;
    const interfere = async () => {
      if (interfered) return;
      interfered = true;
      // Between this command's read and its append, another process appends.
      const [last] = await otherProcess.readStream(streamId, { fromRevision: 1 });
      await otherProcess.appendToStream(streamId, [sealedLike(last, 2)], 1);
    };
    store.reads.length = 0;
    const outcome = await executor.execute(count(streamId, { beforeDeciding: interfere }));

    expect(outcome.revision).toBe(3);
    expect(store.reads).toEqual([
      { streamId, fromRevision: 1 },
      { streamId, fromRevision: undefined },
    ]);
    expect(seenBy(await store.readStream(streamId))).toEqual([0, 1, 2, 3]);
  });

  it('answers 409 with the store revision when the client sent one, and forgets the stream', async () => {
    await executor.execute(count(streamId));
    await executor.execute(count(streamId));
    const [last] = await otherProcess.readStream(streamId, { fromRevision: 1 });
    const conflict = executor.execute(
      count(streamId, {
        expectedRevision: 1,
        beforeDeciding: () => otherProcess.appendToStream(streamId, [sealedLike(last, 2)], 1).then(() => undefined),
      }),
    );
    const error = await conflict.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expectedRevision: 1, currentRevision: 2 });
    expect(cache.has(streamId)).toBe(false);
  });

  it('is not left ahead of the store by a failed append, nor behind by an append acknowledged as failed', async () => {
    await executor.execute(count(streamId));
    store.failNextAppend = () => Promise.reject(new Error('disk full'));
    await expect(executor.execute(count(streamId))).rejects.toThrow('disk full');
    await executor.execute(count(streamId));
    expect(seenBy(await store.readStream(streamId))).toEqual([0, 1]);

    // Written, then the caller is told it failed (a lost acknowledgement): the next read picks it up.
    store.failNextAppend = (append) => append().then(() => Promise.reject(new Error('connection lost')));
    await expect(executor.execute(count(streamId))).rejects.toThrow('connection lost');
    await executor.execute(count(streamId));
    expect(seenBy(await store.readStream(streamId))).toEqual([0, 1, 2, 3]);
  });

  it('answers an idempotent replay from the cache with the original outcome, and refuses another body under the same id', async () => {
    const commandId = randomUUID();
    const original = await executor.execute(count(streamId, { commandId }));
    await executor.execute(count(streamId));
    store.reads.length = 0;

    const replay = await executor.execute(count(streamId, { commandId }));
    expect(replay).toEqual({ ...original, replayed: true });
    expect(store.reads).toEqual([{ streamId, fromRevision: 1 }]);
    const reused = await executor.execute(count(streamId, { commandId, input: 'another body' })).then(() => null, (e: unknown) => e);
    expect(reused).toBeInstanceOf(BusinessRuleError);
    expect(reused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('replays a command another process stored, seen through the tail read', async () => {
    await executor.execute(count(streamId));
    const commandId = randomUUID();
    const theirs = await new StreamCommandExecutor(otherProcess, new StreamCache()).execute(count(streamId, { commandId }));
    expect(await executor.execute(count(streamId, { commandId }))).toEqual({ ...theirs, replayed: true });
  });

  it('builds the same hash chain, byte for byte, as commands that each read the whole stream', async () => {
    const elsewhere = new SqliteEventStore({ filename: join(dir, 'uncached.db') });
    try {
      const uncached = new StreamCommandExecutor(elsewhere, new StreamCache(0));
      for (let i = 0; i < 5; i++) {
        await executor.execute(count(streamId, { commandId: `command-${i}` }));
        await uncached.execute(count(streamId, { commandId: `command-${i}` }));
      }
      const cached = await store.readStream(streamId);
      expect(verifyChain(streamId, cached).valid).toBe(true);
      expect(cached[0].metadata.prevHash).toBe(GENESIS_HASH);
      const strip = (events: RecordedEvent[]) => events.map(({ type, data, metadata, revision }) => ({ type, data, metadata, revision }));
      expect(strip(cached)).toEqual(strip(await elsewhere.readStream(streamId)));
    } finally {
      await elsewhere.close();
    }
  });
});

describe('StreamCache', () => {
  const event = (streamId: string, revision: number): RecordedEvent => ({
    type: 'Counted',
    data: {},
    metadata: { eventId: randomUUID(), commandId: `c-${revision}`, commandHash: 'h', correlationId: 'c', causationId: 'c', actor: ACTOR, recordedAt: '2021-07-01T00:00:00Z', schemaVersion: 1, prevHash: '', hash: `hash-${revision}` },
    streamId,
    revision,
    position: revision + 1,
  });
  const stream = (streamId: string, length: number) => new KnownStream(streamId, Array.from({ length }, (_, i) => event(streamId, i)));

  it('holds at most its bound of events, dropping the least recently used streams first', () => {
    const cache = new StreamCache(5);
    cache.keep(stream('a', 2));
    cache.keep(stream('b', 2));
    cache.get('a'); // a is now more recent than b
    cache.keep(stream('c', 2));
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a') && cache.has('c')).toBe(true);
    expect(cache.size).toBe(4);
  });

  it('counts a kept stream again after it grew', () => {
    const cache = new StreamCache(5);
    const a = stream('a', 2);
    cache.keep(a);
    cache.keep(stream('b', 2));
    expect(a.append([event('a', 2), event('a', 3)])).toBe(true);
    cache.keep(a);
    expect(cache.size).toBe(4);
    expect(cache.has('b')).toBe(false);
  });

  it('is one per event store, shared by every executor writing to it', async () => {
    const [one, other] = [new SqliteEventStore({ filename: ':memory:' }), new SqliteEventStore({ filename: ':memory:' })];
    try {
      expect(streamCacheFor(one)).toBe(streamCacheFor(one));
      expect(streamCacheFor(one)).not.toBe(streamCacheFor(other));
      const streamId = `counter-${randomUUID()}`;
      for (let i = 0; i < 2; i++) await new StreamCommandExecutor(one).execute(count(streamId));
      expect(streamCacheFor(one).has(streamId)).toBe(true);
      expect(streamCacheFor(other).has(streamId)).toBe(false);
    } finally {
      await one.close();
      await other.close();
    }
  });

  it('never keeps a stream longer than its bound, nor an empty one', () => {
    const cache = new StreamCache(3);
    cache.keep(stream('long', 4));
    cache.keep(stream('empty', 0));
    expect(cache.has('long') || cache.has('empty')).toBe(false);
    expect(cache.size).toBe(0);
  });
});

describe('KnownStream', () => {
  const recorded = (streamId: string, revision: number, commandId: string, commandHash = 'h'): RecordedEvent => ({
    type: 'Counted',
    data: {},
    metadata: { eventId: randomUUID(), commandId, commandHash, correlationId: 'c', causationId: 'c', actor: ACTOR, recordedAt: '2021-07-01T00:00:00Z', schemaVersion: 1, prevHash: '', hash: `hash-${revision}` },
    streamId,
    revision,
    position: 100 + revision,
  });

  it('refuses events that do not come after the known ones, or belong to another stream', () => {
    const known = new KnownStream('s', [recorded('s', 0, 'a'), recorded('s', 1, 'b')]);
    expect(known.append([recorded('s', 1, 'c')])).toBe(false);
    expect(known.append([recorded('t', 2, 'c')])).toBe(false);
    expect(known.append([recorded('s', 2, 'c'), recorded('s', 2, 'd')])).toBe(false);
    expect(known.revision).toBe(1);
    expect(known.command('c')).toBeUndefined();
  });

  it('folds only the events added since the last fold, and from the start for another fold', () => {
    const evolved: number[] = [];
    const tracing: StreamFold<number[]> = { initial: () => [], evolve: (state, event) => (evolved.push(event.revision), [...state, event.revision]) };
    const known = new KnownStream('s', [recorded('s', 0, 'a'), recorded('s', 1, 'b')]);
    const before = known.stateOf(tracing);
    expect(known.append([recorded('s', 2, 'c')])).toBe(true);
    expect(known.stateOf(tracing)).toEqual([0, 1, 2]);
    expect(before).toEqual([0, 1]); // the state handed out earlier is not changed by later events
    expect(evolved).toEqual([0, 1, 2]);

    expect(known.stateOf({ initial: () => 0, evolve: (n: number) => n + 1 })).toBe(3);
    expect(known.stateOf(tracing)).toEqual([0, 1, 2]);
    expect(evolved).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('indexes a command by its first event digest and its last event outcome', () => {
    const known = new KnownStream('s', [recorded('s', 0, 'a', 'first'), recorded('s', 1, 'a', 'second')]);
    expect(known.command('a')).toEqual({ commandId: 'a', commandHash: 'first', revision: 1, position: 101 });
    expect(known.chainTip).toBe('hash-1');
    expect(new KnownStream('empty', []).chainTip).toBe(GENESIS_HASH);
  });
});

/** An event as another writer of the ledger would append it after `previous`: sealed onto its chain. */
function sealedLike(previous: RecordedEvent, seen: number): NewEvent {
  const commandId = randomUUID();
  const { prevHash: _prevHash, hash: _hash, ...metadata } = previous.metadata;
  const unsealed = { type: 'Counted', data: { seen }, metadata: { ...metadata, eventId: randomUUID(), commandId, correlationId: commandId, causationId: commandId } };
  return sealEvents(previous.streamId, previous.revision + 1, String(previous.metadata.hash), [unsealed])[0];
}
