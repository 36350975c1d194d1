/** The demo mark travels from the command envelope into every event's metadata, inside the hash chain. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandEnvelope } from '../../../src/command-handling/command-envelope';
import { StreamCommandExecutor } from '../../../src/command-handling/stream-command-executor';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { eventHash } from '../../../src/integrity/event-hash';
import type { DomainEvent } from '../../../src/shared/messages';

describe('the demo mark on the write path', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-demo-mark-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function append(streamId: string, commandId: string, demo: boolean): Promise<void> {
    const envelope: CommandEnvelope = { commandId, correlationId: commandId, causationId: commandId, actor: { id: 'demo', unitId: null, roles: ['coordinator'] }, ...(demo ? { demo: true } : {}) };
    await new StreamCommandExecutor(store).execute<null, DomainEvent>({
      streamId,
      envelope,
      commandHash: commandId,
      fold: { initial: () => null, evolve: () => null },
      decide: () => [{ type: 'Noted', data: {} }, { type: 'Noted', data: { again: true } }],
      now: () => new Date('2021-04-05T02:00:00Z'),
    });
  }

  it('marks every event of a demo command, and only those, and the hash covers the mark', async () => {
    await append('indicator-a', '00000000-0000-4000-8000-000000000001', true);
    await append('indicator-b', '00000000-0000-4000-8000-000000000002', false);
    const marked = await store.readStream('indicator-a');
    const plain = await store.readStream('indicator-b');
    expect(marked.map((event) => event.metadata.demo)).toEqual([true, true]);
    expect(plain.map((event) => 'demo' in event.metadata)).toEqual([false, false]);
    const [first] = marked;
    const hashed = { stream: first.streamId, revision: first.revision, type: first.type, data: first.data };
    expect(eventHash({ ...hashed, metadata: first.metadata })).toBe(first.metadata.hash);
    const { demo: _removed, ...unmarked } = first.metadata;
    expect(eventHash({ ...hashed, metadata: unmarked })).not.toBe(first.metadata.hash);
  });
});
