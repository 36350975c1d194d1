/**
 * The runner's working set on the in-memory store: it evolves the store's own documents (lent by
 * `peekDocument`, never copied) and hands each batch over at commit (kept as they are, not copied).
 * That is only sound if the read models come out exactly as a pure fold makes them, if replaying
 * a batch changes nothing, if a failed batch leaves nothing behind, and if no committed document
 * is ever changed afterwards — which these tests pin down with every real projection.
 */
import type { LedgerEvent, RecordedLedgerEvent } from '../../src/domain/events';
import type { EventStore, ReadAllOptions, Subscription } from '../../src/event-store/event-store.port';
import { ALL_PROJECTIONS } from '../../projections';
import { applyAll } from '../../projections/apply';
import type { ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { ReadStore } from '../../src/read-store/read-store.port';
import type { RecordedEvent } from '../../src/shared/messages';
import { history } from '../support/events';
import { IND, assessed, corrected, excellentShare, newMembers, reassigned, registered, reported, revised } from '../projections/indicator-events';
import { answered, queried, queryClosed } from '../projections/inspection-events';
import { BAN_TO_CHUC, SO_Y_TE, UBND, unitRegistered, unitRenamed } from '../projections/unit-events';

/** Every kind of event, over two indicators, three units and an inspection query. */
const LEDGER: LedgerEvent[] = [
  unitRegistered(BAN_TO_CHUC, 'Ban Tổ chức Thành ủy'),
  unitRegistered(UBND, 'Ủy ban nhân dân thành phố'),
  registered(),
  registered({ indicatorId: 'ind-04', number: 4, responsibleUnitId: UBND }),
  reported('r1', 'new_members', '2021-Q1', 120),
  reported('r2', 'excellent_share', '2021-Q1', 18),
  reported('r3', 'new_members', '2021-03', 90, { indicatorId: 'ind-04' }),
  corrected('r1', 'new_members', '2021-Q1', 120, 125),
  queried('q1'),
  answered('q1'),
  unitRegistered(SO_Y_TE, 'Phòng Y tế'),
  reassigned(BAN_TO_CHUC, SO_Y_TE),
  revised(newMembers, { value: 420 }),
  reported('r4', 'new_members', '2021-H1', 260),
  queryClosed('q1'),
  corrected('r2', 'excellent_share', '2021-Q1', 18, 19.5),
  unitRenamed(UBND, 'Ủy ban nhân dân thành phố', 'UBND thành phố Hạ Long'),
  reported('r5', 'excellent_share', '2021', 21),
  assessed('achieved', [
    { metric: 'new_members', latestValue: 260, status: 'on_track' },
    { metric: excellentShare.metric, latestValue: 21, status: 'achieved' },
  ]),
];

const EVENTS = history(LEDGER) as RecordedLedgerEvent[];
const PROJECTIONS = ALL_PROJECTIONS;
const CHECKPOINT = 'read-models';

/** An event store that serves a fixed list of events (the runner only reads in a catch-up pass). */
class FixedEventStore implements EventStore {
  constructor(private readonly events: readonly RecordedEvent[]) {}
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.events.filter((event) => event.streamId === streamId);
  }
  async appendToStream(): Promise<never> {
    throw new Error('FixedEventStore is read-only');
  }
  async readAll({ fromPosition, limit = Infinity }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.events.filter((event) => event.position > fromPosition).slice(0, limit);
  }
  subscribeToAll(): Subscription {
    throw new Error('FixedEventStore has no subscriptions');
  }
  async headPosition(): Promise<number> {
    return this.events.at(-1)?.position ?? 0;
  }
  async countAfter(position: number, atMost: number): Promise<number> {
    return Math.min(atMost, this.events.filter((event) => event.position > position).length);
  }
  async close(): Promise<void> {}
}

const quiet = { log: () => undefined, error: () => undefined };

function runner(readStore: InMemoryReadStore, events: readonly RecordedEvent[], projections = PROJECTIONS, batch = 4): ProjectionRunner {
  return new ProjectionRunner(new FixedEventStore(events), readStore, projections, { batchSize: batch, catchUpBatchSize: batch, logger: quiet });
}

/** Every document of every projection's collection, by collection, sorted by _id (copies: what a query sees). */
async function snapshot(readStore: InMemoryReadStore): Promise<Record<string, ProjectedDocument[]>> {
  const result: Record<string, ProjectedDocument[]> = {};
  for (const { collection } of PROJECTIONS) result[collection] = await readStore.collection<ProjectedDocument>(collection).find({}, { sort: { _id: 1 } });
  return result;
}

/** What a pure fold of the same events makes, each projection on its own. */
function folded(events: readonly RecordedLedgerEvent[]): Record<string, ProjectedDocument[]> {
  const result: Record<string, ProjectedDocument[]> = {};
  for (const projection of PROJECTIONS) {
    const documents = [...applyAll(projection, events).values()].sort((a, b) => (a._id < b._id ? -1 : 1));
    result[projection.collection] = JSON.parse(JSON.stringify(documents)) as ProjectedDocument[];
  }
  return result;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

describe('ProjectionRunner working set (in-memory store)', () => {
  it('builds exactly what a pure fold of the events builds, whatever the batch size', async () => {
    for (const batch of [1, 3, 7, 1000]) {
      const readStore = new InMemoryReadStore();
      await runner(readStore, EVENTS, PROJECTIONS, batch).catchUp();
      expect(await snapshot(readStore)).toEqual(folded(EVENTS));
    }
  });

  it('never changes a document once committed: every stored document frozen after each batch, the next batches still apply', async () => {
    const readStore = new InMemoryReadStore();
    for (let end = 3; end <= EVENTS.length + 2; end += 3) {
      await runner(readStore, EVENTS.slice(0, end)).catchUp();
      for (const { collection } of PROJECTIONS) {
        for (const { _id } of await readStore.collection(collection).find({})) deepFreeze(readStore.peekDocument(collection, _id));
      }
    }
    expect(await snapshot(readStore)).toEqual(folded(EVENTS));
  });

  it('changes nothing when a batch is replayed: the checkpoint moved back, the same events applied again', async () => {
    const readStore = new InMemoryReadStore();
    await runner(readStore, EVENTS).catchUp();
    const once = await snapshot(readStore);
    const middle = EVENTS[Math.floor(EVENTS.length / 2)].position;
    for (const from of [0, middle]) {
      await readStore.commit(new Map(), { name: CHECKPOINT, position: from });
      expect(await runner(readStore, EVENTS).catchUp()).toBe(EVENTS.at(-1)?.position);
      expect(await snapshot(readStore)).toEqual(once);
    }
  });

  it('leaves no partial write when a batch fails: documents and checkpoint stay as the previous commit left them', async () => {
    const failAt = EVENTS.findIndex((event) => event.type === 'ResponsibilityReassigned');
    const failing: ProjectionDefinition<ProjectedDocument> = {
      collection: 'failing',
      handles: ['ResponsibilityReassigned'],
      indexes: [],
      documentIds: () => ['x'],
      evolve: () => {
        throw new Error('projection failed');
      },
    };
    const readStore = new InMemoryReadStore();
    const batch = 4;
    // The failing event is in the middle of a batch: that batch's earlier events were applied in the working set.
    expect(failAt % batch).not.toBe(0);
    const committedUpTo = Math.floor(failAt / batch) * batch;
    await expect(runner(readStore, EVENTS, [...PROJECTIONS, failing], batch).catchUp()).rejects.toThrow('projection failed');

    expect(await readStore.loadCheckpoint(CHECKPOINT)).toBe(EVENTS[committedUpTo - 1].position);
    expect(await snapshot(readStore)).toEqual(folded(EVENTS.slice(0, committedUpTo)));
  });

  it('refuses a batch that breaks a unique index without writing any of it, and stores nothing it was handed', async () => {
    const clash: ProjectionDefinition<ProjectedDocument & { key: string }> = {
      collection: 'clash',
      handles: ['ProgressReported'],
      indexes: [{ key: { key: 1 }, name: 'key_1', unique: true }],
      documentIds: (event) => [String(event.position)],
      evolve: (_current, event, id) => ({ _id: id, key: 'same', lastPosition: event.position }),
    };
    const readStore = new InMemoryReadStore();
    const firstReport = EVENTS.findIndex((event) => event.type === 'ProgressReported');
    await expect(runner(readStore, EVENTS, [...PROJECTIONS, clash], 1000).catchUp()).rejects.toThrow(/duplicate|unique/i);
    expect(firstReport).toBeGreaterThan(0);
    expect(await readStore.loadCheckpoint(CHECKPOINT)).toBe(0);
    for (const documents of Object.values(await snapshot(readStore))) expect(documents).toEqual([]);
  });

  it('never reads a write-once document, on a store that does not lend its documents (as MongoDB): it builds them from their event', async () => {
    const inner = new InMemoryReadStore();
    const asked: string[] = [];
    const fetching = new Proxy(inner, {
      get(target, property) {
        if (property === 'peekDocument') return undefined;
        if (property === 'collection') {
          return (name: string) => {
            const collection = target.collection(name);
            return Object.assign(Object.create(collection) as object, {
              findOne: (...args: Parameters<typeof collection.findOne>) => (asked.push(name), collection.findOne(...args)),
            });
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ReadStore;
    const writeOnce = PROJECTIONS.filter((projection) => projection.writeOnce).map((projection) => projection.collection);
    expect(writeOnce.sort()).toEqual(['audit_log', 'indicator_history']);

    await new ProjectionRunner(new FixedEventStore(EVENTS), fetching, PROJECTIONS, { batchSize: 4, logger: quiet }).catchUp();
    expect(await snapshot(inner)).toEqual(folded(EVENTS));
    expect(asked).toContain('indicators');
    expect(asked.filter((collection) => writeOnce.includes(collection))).toEqual([]);

    // A replay of every event rebuilds the same entries from the same events.
    await inner.commit(new Map(), { name: CHECKPOINT, position: 0 });
    await new ProjectionRunner(new FixedEventStore(EVENTS), fetching, PROJECTIONS, { batchSize: 4, logger: quiet }).catchUp();
    expect(await snapshot(inner)).toEqual(folded(EVENTS));
  });

  it('gives queries copies: changing what a query returned does not reach the documents the runner evolves', async () => {
    const readStore = new InMemoryReadStore();
    await runner(readStore, EVENTS.slice(0, 8)).catchUp();
    const [indicator] = await readStore.collection<ProjectedDocument & { counts: { reports: number } }>('indicators').find({ _id: IND });
    indicator.counts.reports = 999;
    await runner(readStore, EVENTS).catchUp();
    expect(await snapshot(readStore)).toEqual(folded(EVENTS));
  });
});
