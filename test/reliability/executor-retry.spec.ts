/**
 * The write path against writers it cannot queue behind: two event store connections on one
 * SQLite file, as two service instances would have. Conflicts between them are real; commands
 * without an expected revision are retried on fresh state until they land, and commands with
 * one are refused rather than retried.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamCommandExecutor, type StreamDecision } from '../../src/command-handling/stream-command-executor';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ConcurrencyError } from '../../src/shared/errors';
import type { DomainEvent } from '../../src/shared/messages';

describe('StreamCommandExecutor across two connections to one store', () => {
  let dir: string;
  let stores: SqliteEventStore[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-retry-'));
    stores = [0, 1].map(() => new SqliteEventStore({ filename: join(dir, 'events.db') }));
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A counter aggregate: each command appends "Counted" with the count it saw, so a lost update shows. */
  function count(streamId: string, expectedRevision?: number): StreamDecision<number, DomainEvent> {
    const commandId = randomUUID();
    return {
      streamId,
      envelope: { commandId, correlationId: commandId, causationId: commandId, actor: { id: 'test', unitId: null, roles: ['coordinator'] }, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
      commandHash: commandId,
      fold: { initial: () => 0, evolve: (seen: number) => seen + 1 },
      decide: async (seen) => {
        await new Promise((resolve) => setImmediate(resolve)); // a decision that reads something else first
        return [{ type: 'Counted', data: { seen } }];
      },
      now: () => new Date('2021-07-01T00:00:00Z'),
    };
  }

  it('lands every command sent without an expected revision, each decided on the state before it', async () => {
    const streamId = `counter-${randomUUID()}`;
    const executors = stores.map((store) => new StreamCommandExecutor(store));
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => executors[i % 2].execute(count(streamId))));
    const events = await stores[0].readStream(streamId);
    expect(events).toHaveLength(40);
    expect(events.map((e) => (e.data as { seen: number }).seen)).toEqual(events.map((_, i) => i));
    expect(new Set(outcomes.map((o) => o.revision)).size).toBe(40);
  });

  it('refuses, without retrying, every command whose expected revision is stale', async () => {
    const streamId = `counter-${randomUUID()}`;
    const executors = stores.map((store) => new StreamCommandExecutor(store));
    await executors[0].execute(count(streamId));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => executors[i % 2].execute(count(streamId, 0))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(9);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
    expect(await stores[1].readStream(streamId)).toHaveLength(2);
  });
});
