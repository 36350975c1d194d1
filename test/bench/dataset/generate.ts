/**
 * Builds an event store file for the benchmarks: the real seed (through the app, as `npm start`
 * writes it), then synthetic tasks whose events come from the real indicator decider, sealed into
 * the hash chain and serialised exactly as the write path does. Written with bulk inserts (this is
 * set-up, not a measurement), interleaved across streams as a live system would write them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { commandHash } from '../../../src/command-handling/command-envelope';
import { loadConfig } from '../../../src/config/config';
import { createApp } from '../../../src/create-app';
import type { IndicatorCommand } from '../../../src/domain/indicator/commands';
import { decideIndicator } from '../../../src/domain/indicator/decide';
import { indicatorStreamId, type IndicatorEvent } from '../../../src/domain/indicator/events';
import { evolveIndicator, initialIndicatorState, type FoldableIndicatorEvent, type IndicatorState } from '../../../src/domain/indicator/state';
import { SqliteEventStore } from '../../../src/event-store/sqlite-event-store';
import { SQL } from '../../../src/event-store/sqlite-schema';
import { GENESIS_HASH, sealEvents } from '../../../src/integrity/event-hash';
import { completeSeed } from '../../../src/seeding/seed-if-empty';
import { ManualClock } from '../../../src/shared/clock';
import { uuidFromName } from '../../../src/shared/deterministic-id';
import { CURRENT_SCHEMA_VERSION } from '../../../src/shared/messages';
import { prng } from '../support/stats';
import { BENCH_ACTOR, REPORT_SLOTS, REVISED_VALUES, SYNTHETIC_TARGETS, syntheticIndicatorId, HISTORY_INDICATOR } from './synthetic-indicators';

export interface DatasetSpec {
  /** Events in the store in all, the seed's included. */
  totalEvents: number;
  /** One indicator per entry, with exactly that many events (history queries). */
  historyIndicators?: number[];
  /** Synthetic tasks besides those; default: one per 100 remaining events. */
  syntheticIndicators?: number;
  /** Register the synthetic tasks only: every (metric, period) stays free to report over HTTP. */
  registrationsOnly?: boolean;
}

export interface DatasetInfo {
  file: string;
  events: number;
  seedEvents: number;
  syntheticIndicators: number;
  byType: Record<string, number>;
}

const SEED_TIME = '2021-01-05T02:00:00.000Z';
/** Synthetic events are recorded from here on, 50 ms apart: every period of 2021 has started. */
const FIRST_RECORDED_AT = Date.parse('2021-12-05T00:00:00.000Z');
const INSERT_CHUNK = 20_000;

interface Stream {
  indicatorId: string;
  state: IndicatorState;
  revision: number;
  tip: string;
  nextSlot: number;
}

/** Writes `<dir>/events.db`; the directory must not hold an event store yet. */
export async function generateDataset(dir: string, spec: DatasetSpec): Promise<DatasetInfo> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'events.db');
  const { seedEvents, unitIds } = await seed(dir);

  const random = prng(20210101 + spec.totalEvents);
  const history = spec.historyIndicators ?? [];
  const remaining = Math.max(0, spec.totalEvents - seedEvents - history.reduce((a, b) => a + b, 0));
  const syntheticCount = spec.registrationsOnly
    ? spec.syntheticIndicators ?? remaining
    : spec.syntheticIndicators ?? Math.max(1, Math.floor(remaining / 100));
  const streams: Stream[] = [];
  const quotas: number[] = [];
  const newStream = (indicatorId: string) => ({ indicatorId, state: initialIndicatorState(), revision: -1, tip: GENESIS_HASH, nextSlot: 0 });
  history.forEach((events) => {
    streams.push(newStream(HISTORY_INDICATOR(events)));
    quotas.push(events);
  });
  for (let i = 0; i < syntheticCount; i++) {
    streams.push(newStream(syntheticIndicatorId(i)));
    quotas.push(spec.registrationsOnly ? 1 : Math.floor(remaining / syntheticCount) + (i < remaining % syntheticCount ? 1 : 0));
  }
  const order = shuffledOrder(quotas, random);

  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(SQL.insert);
  const writeChunk = db.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(...(row as [string, number, string, string, string, string]));
  });
  const byType: Record<string, number> = {};
  let rows: unknown[][] = [];
  for (let n = 0; n < order.length; n++) {
    const stream = streams[order[n]];
    const recordedAt = new Date(FIRST_RECORDED_AT + n * 50).toISOString();
    const command = nextCommand(stream, unitIds, random, recordedAt, n);
    const [event] = decideIndicator(command, stream.state) as IndicatorEvent[];
    const commandId = uuidFromName(`bench:${n}`);
    const streamId = indicatorStreamId(stream.indicatorId);
    const [sealed] = sealEvents(streamId, stream.revision + 1, stream.tip, [
      {
        type: event.type,
        data: event.data,
        metadata: {
          eventId: uuidFromName(`${commandId}:0`),
          commandId,
          commandHash: commandHash(command.type, command.data),
          correlationId: commandId,
          causationId: commandId,
          actor: BENCH_ACTOR,
          recordedAt,
          schemaVersion: CURRENT_SCHEMA_VERSION,
        },
      },
    ]);
    stream.revision += 1;
    stream.tip = sealed.metadata.hash;
    stream.state = evolveIndicator(stream.state, { ...event, metadata: { recordedAt } } as FoldableIndicatorEvent);
    byType[event.type] = (byType[event.type] ?? 0) + 1;
    rows.push([streamId, stream.revision, sealed.metadata.eventId, sealed.type, JSON.stringify(sealed.data), JSON.stringify(sealed.metadata)]);
    if (rows.length >= INSERT_CHUNK) {
      writeChunk(rows);
      rows = [];
    }
  }
  writeChunk(rows);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, events: seedEvents + order.length, seedEvents, syntheticIndicators: syntheticCount, byType };
}

/** The seed, written by the app itself; answers how many events it wrote and the units it registered. */
async function seed(dir: string): Promise<{ seedEvents: number; unitIds: string[] }> {
  const config = { ...loadConfig({ DATA_DIR: dir }), seedOnStart: true };
  const app = await createApp({ config, clock: new ManualClock(new Date(SEED_TIME)), logger: false });
  await completeSeed(app, config);
  await app.close();
  const store = new SqliteEventStore({ filename: path.join(dir, 'events.db') });
  const seedEvents = await store.headPosition();
  const events = await store.readAll({ fromPosition: 0, limit: seedEvents + 1 });
  await store.close();
  const unitIds = events.filter((event) => event.type === 'UnitRegistered').map((event) => (event.data as { unitId: string }).unitId);
  return { seedEvents, unitIds };
}

/** Stream indexes, each repeated as often as its quota, shuffled (Fisher–Yates) with the seeded PRNG. */
function shuffledOrder(quotas: readonly number[], random: () => number): Int32Array {
  const order = new Int32Array(quotas.reduce((a, b) => a + b, 0));
  let at = 0;
  quotas.forEach((quota, index) => order.fill(index, at, (at += quota)));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/**
 * The stream's next command: registration first, then about half reports (while a (metric, period)
 * is free) and the rest corrections, reassignments and target revisions.
 */
function nextCommand(stream: Stream, unitIds: readonly string[], random: () => number, now: string, n: number): IndicatorCommand {
  const context = { actor: BENCH_ACTOR, now };
  const indicatorId = stream.indicatorId;
  const state = stream.state;
  if (state.status === 'unregistered') {
    const responsibleUnitId = unitIds[n % unitIds.length];
    return {
      type: 'RegisterIndicator',
      data: {
        indicatorId,
        resolutionId: 'hl-2021',
        kind: 'task',
        group: 'economy',
        section: 'III.9',
        name: `Nhiệm vụ thử tải ${indicatorId}: hỗ trợ hộ gia đình và hoàn thành công trình đúng tiến độ`,
        responsibleUnitId,
        targets: SYNTHETIC_TARGETS.map((target) => ({ ...target })),
      },
      context,
      responsibleUnit: { unitId: responsibleUnitId, exists: true, active: true },
      resolution: { resolutionId: 'hl-2021', exists: true, year: 2021 },
    };
  }
  if (state.status !== 'active') throw new Error(`${indicatorId} is closed`);
  const roll = random();
  if (stream.nextSlot < REPORT_SLOTS.length && (roll < 0.55 || state.reports.length === 0)) {
    const slot = REPORT_SLOTS[stream.nextSlot++];
    return {
      type: 'ReportProgress',
      data: { indicatorId, reportId: uuidFromName(`bench-report:${indicatorId}:${slot.metric}:${slot.period}`), metric: slot.metric, period: slot.period, value: valueFor(slot.metric, random), note: 'Số liệu báo cáo định kỳ' },
      context,
    };
  }
  const kind = random();
  if (kind < 0.6) {
    const report = state.reports[Math.floor(random() * state.reports.length)];
    let value = valueFor(report.metric, random);
    while (value === report.value) value = valueFor(report.metric, random);
    return { type: 'CorrectProgressReport', data: { indicatorId, reportId: report.reportId, value, reason: 'Cập nhật số liệu chính thức của Chi cục Thống kê' }, context };
  }
  if (kind < 0.8) {
    let toUnitId = unitIds[Math.floor(random() * unitIds.length)];
    while (toUnitId === state.responsibleUnitId) toUnitId = unitIds[Math.floor(random() * unitIds.length)];
    return {
      type: 'ReassignResponsibility',
      data: { indicatorId, toUnitId, reason: 'Điều chỉnh phân công theo chức năng, nhiệm vụ', decisionRef: `${100 + (n % 800)}-QĐ/TU` },
      context,
      toUnit: { unitId: toUnitId, exists: true, active: true },
    };
  }
  const target = state.targets[Math.floor(random() * state.targets.length)];
  const [a, b] = REVISED_VALUES[target.metric];
  return {
    type: 'ReviseTarget',
    data: { indicatorId, metric: target.metric, change: { value: target.value === a ? b : a }, reason: 'Điều chỉnh chỉ tiêu do ảnh hưởng của dịch Covid-19', decisionRef: `${200 + (n % 700)}-NQ/TU` },
    context,
  };
}

function valueFor(metric: string, random: () => number): number {
  switch (metric) {
    case 'completion':
      return Math.floor(random() * 101);
    case 'households':
      return Math.floor(random() * 700);
    default:
      return Math.round(random() * 150) / 10;
  }
}
