/**
 * `catchUpBatchSize`: a one-off catch-up pass (the start-up replay) commits every that many events
 * instead of every page, and still applies every event exactly once, checkpoint included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { Checkpoint, ReadDocument } from '../../src/read-store/read-store.port';
import { newEvent, newEvents, uniqueStreamId } from '../contract/event-store.contract';

interface Tally extends ProjectedDocument {
  positions: number[];
}

const tally: ProjectionDefinition<Tally> = {
  collection: 'test_tally',
  handles: ['UnitRegistered', 'UnitRenamed'],
  indexes: [],
  documentIds: () => ['all'],
  evolve: (current, event, id) => ({ _id: id, lastPosition: event.position, positions: [...(current?.positions ?? []), event.position] }),
};

class CountingReadStore extends InMemoryReadStore {
  readonly committedAt: number[] = [];

  override async commit(writes: ReadonlyMap<string, readonly ReadDocument[]>, checkpoint: Checkpoint): Promise<void> {
    this.committedAt.push(checkpoint.position);
    return super.commit(writes, checkpoint);
  }
}

describe('ProjectionRunner catch-up batches', () => {
  let dir: string;
  let events: SqliteEventStore;
  let head: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-catch-up-'));
    events = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const streamId = uniqueStreamId('unit');
    await events.appendToStream(streamId, [newEvent('UnitRegistered', { unitId: 'u', name: 'Ban Tổ chức' })], 'no_stream');
    for (let revision = 0; revision < 6; revision++) {
      await events.appendToStream(streamId, [newEvent('UnitRenamed', { unitId: 'u', name: `Ban ${revision}` })], revision);
    }
    head = await events.headPosition();
  });

  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function catchUp(options: { batchSize: number; catchUpBatchSize?: number }): Promise<CountingReadStore> {
    const readStore = new CountingReadStore();
    const runner = new ProjectionRunner(events, readStore, [tally], { ...options, logger: { log: () => undefined, error: () => undefined } });
    expect(await runner.catchUp()).toBe(head);
    return readStore;
  }

  it('commits every catchUpBatchSize events, and once more at the end', async () => {
    const readStore = await catchUp({ batchSize: 2, catchUpBatchSize: 5 });
    expect(readStore.committedAt).toEqual([head - 2, head]);
    expect(await readStore.loadCheckpoint('read-models')).toBe(head);
    const [document] = await readStore.collection<Tally>('test_tally').find({});
    expect(document.positions).toEqual(Array.from({ length: 7 }, (_, i) => head - 6 + i));
  });

  it('lets one commit span several pages of the log', async () => {
    const streamId = uniqueStreamId('unit');
    await events.appendToStream(streamId, [newEvent('UnitRegistered', { unitId: 'v', name: 'Ban Dân vận' })], 'no_stream');
    await events.appendToStream(streamId, newEvents(1499, 'UnitRenamed'), 0);
    head = await events.headPosition();
    // Pages hold 1,000 events: a commit per page would checkpoint at head - 507 first.
    const readStore = await catchUp({ batchSize: 2, catchUpBatchSize: 1200 });
    expect(readStore.committedAt).toEqual([head]);
    const [document] = await readStore.collection<Tally>('test_tally').find({});
    expect(document.positions).toHaveLength(1507);
  });

  it('commits every batchSize events when no catch-up size is given', async () => {
    const readStore = await catchUp({ batchSize: 2 });
    expect(readStore.committedAt).toEqual([head - 5, head - 3, head - 1, head]);
  });
});
