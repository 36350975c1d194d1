/**
 * The hash chain is made in the one write path, so both event store adapters store the very same
 * chain: the same commands through StreamCommandExecutor onto SQLite and onto the EventStoreDB
 * adapter (over the simulated server, as no EventStoreDB runs here) give identical hashes, chains
 * that verify, and the same audit digest — positions differ between the stores, digests do not.
 */
import { StreamCommandExecutor, type StreamDecision } from '../../src/command-handling/stream-command-executor';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { verifyChain } from '../../src/integrity/chain-verification';
import { eventHash, GENESIS_HASH } from '../../src/integrity/event-hash';
import { scanLedger } from '../../src/integrity/ledger-scan';
import type { DomainEvent, RecordedEvent } from '../../src/shared/messages';
import { SimulatedEventStoreDbClient } from '../support/simulated-eventstoredb-client';

interface Step {
  stream: string;
  commandId: string;
  at: string;
  events: DomainEvent[];
}

const STEPS: Step[] = [
  { stream: 'unit-phong-kinh-te', commandId: 'c1', at: '2021-01-05T02:00:00.000Z', events: [{ type: 'UnitRegistered', data: { unitId: 'phong-kinh-te', name: 'Phòng Kinh tế' } }] },
  { stream: 'indicator-ind-10', commandId: 'c2', at: '2021-01-05T02:00:01.000Z', events: [{ type: 'IndicatorRegistered', data: { indicatorId: 'ind-10', name: 'Tạo việc làm mới', value: 6500 } }] },
  {
    stream: 'indicator-ind-10',
    commandId: 'c3',
    at: '2021-04-05T02:00:00.000Z',
    // Two events from one command: the second chains on the first within the batch.
    events: [
      { type: 'ProgressReported', data: { indicatorId: 'ind-10', period: '2021-Q1', value: 1700, note: 'Số liệu quý I', ratio: 0.1, big: 1e21 } },
      { type: 'ProgressReportCorrected', data: { indicatorId: 'ind-10', period: '2021-Q1', previousValue: 1700, value: 1750, reason: 'Đính chính' } },
    ],
  },
  { stream: 'indicator-ind-10', commandId: 'c4', at: '2021-05-10T02:00:00.000Z', events: [{ type: 'ResponsibilityReassigned', data: { indicatorId: 'ind-10', toUnitId: 'phong-kinh-te' } }] },
];

function decision(step: Step): StreamDecision<null, DomainEvent> {
  return {
    streamId: step.stream,
    envelope: { commandId: step.commandId, correlationId: `corr-${step.commandId}`, causationId: step.commandId, actor: { id: 'tester', unitId: null, roles: ['coordinator'] } },
    commandHash: `hash-${step.commandId}`,
    fold: { initial: () => null, evolve: () => null },
    decide: () => step.events,
    now: () => new Date(step.at),
  };
}

async function writeAll(store: EventStore): Promise<void> {
  const executor = new StreamCommandExecutor(store);
  for (const step of STEPS) await executor.execute(decision(step));
}

const chainOf = (events: RecordedEvent[]) => events.map((e) => ({ revision: e.revision, prevHash: e.metadata.prevHash, hash: e.metadata.hash }));

describe('the hash chain on both event store adapters', () => {
  let sqlite: SqliteEventStore;
  let esdb: EventStoreDbEventStore;

  beforeAll(async () => {
    sqlite = new SqliteEventStore({ filename: ':memory:' });
    const server = new SimulatedEventStoreDbClient();
    // Another application's event in $all before ours: positions will differ from SQLite's.
    server.writeSystemRecord('other-app-1', 'SomethingElse');
    esdb = new EventStoreDbEventStore(server, { streamPrefixes: ['indicator-', 'unit-'], readBatchSize: 2 });
    await writeAll(sqlite);
    await writeAll(esdb);
  });

  afterAll(async () => {
    await sqlite.close();
    await esdb.close();
  });

  it('seals every event as the write path wrote it: revision 0 from genesis, each next one from the one before', async () => {
    const events = await sqlite.readStream('indicator-ind-10');
    expect(events).toHaveLength(4);
    expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
    for (const [i, event] of events.entries()) {
      if (i > 0) expect(event.metadata.prevHash).toBe(events[i - 1].metadata.hash);
      expect(event.metadata.hash).toBe(eventHash({ stream: event.streamId, ...event }));
    }
  });

  it.each(['unit-phong-kinh-te', 'indicator-ind-10'])('%s has the same chain in both stores, and it verifies in both', async (stream) => {
    const [inSqlite, inEsdb] = [await sqlite.readStream(stream), await esdb.readStream(stream)];
    expect(chainOf(inEsdb)).toEqual(chainOf(inSqlite));
    expect(verifyChain(stream, inSqlite).valid).toBe(true);
    expect(verifyChain(stream, inEsdb).valid).toBe(true);
  });

  it('gives the same audit digest over both stores although their positions differ', async () => {
    const [a, b] = [await scanLedger(sqlite), await scanLedger(esdb)];
    expect(a.position).not.toBe(b.position);
    expect(b.digest).toBe(a.digest);
    expect(b.heads).toEqual(a.heads);
    expect(a.streams.every((s) => s.valid) && b.streams.every((s) => s.valid)).toBe(true);
  });
});
