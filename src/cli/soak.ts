/**
 * `npm run soak` (not part of `npm test`): the service on 127.0.0.1 under sustained commands for a
 * bounded time while its projection runner is stopped and restarted over and over. At the end the
 * read models must agree exactly with the events (nothing lost, nothing counted twice, equal to a
 * rebuild from zero) and the event store must hold exactly the commands that were answered 201.
 * Prints the longest projection lag seen. Exits 1 on any mismatch or any 5xx.
 *
 * SOAK_SECONDS (default 60), SOAK_WORKERS (8), SOAK_RESTART_EVERY_MS (1500).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { loadConfig } from '../config/config';
import { createApp } from '../create-app';
import { StoreHealth } from '../health/store-health';
import { EVENT_STORE, READ_MODEL_STORE } from '../infrastructure/tokens';
import { ProjectionService } from '../infrastructure/projection.service';
import type { EventStore } from '../event-store/event-store.port';
import { ProjectionDaemon } from '../projection-runner/projection-daemon';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import { servingDocuments } from '../read-models/serving-documents';
import { SqliteReadModelStore } from '../read-models/sqlite/sqlite-read-model-store';
import { completeSeed } from '../seeding/seed-if-empty';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 8);
const RESTART_EVERY_MS = Number(process.env.SOAK_RESTART_EVERY_MS ?? 1500);
const PERIODS = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12', '2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4', '2021-H1', '2021-H2', '2021'];
const VALUE_BY_MEASURE: Record<string, (n: number) => number> = { share: (n) => 40 + (n % 50), growth: (n) => 5 + (n % 7), count: (n) => 100 + n, amount: (n) => 10 + n, rank: (n) => 1 + (n % 5) };
/** A milestone (measure null) is reported by a state and a narrative; states without a completion day keep the soak simple. */
const MILESTONE_STATES = ['in_progress', 'not_started'];

/** A reading that differs from what `readingFor(measure, n)` gave (for a figure, most of the time). */
function correctedReading(measure: string | null, n: number): object {
  return measure === null ? readingFor(null, n + 1) : { value: VALUE_BY_MEASURE[measure](n + 1) + 0.5 * (n % 2) };
}

/** The reading a slot's target takes: a figure by its measure, or a milestone's state and narrative. */
function readingFor(measure: string | null, n: number): object {
  return measure === null ? { state: MILESTONE_STATES[n % MILESTONE_STATES.length], narrative: `Soak ${n}` } : { value: VALUE_BY_MEASURE[measure](n) };
}
const AUTH = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });

interface Target {
  indicatorId: string;
  metric: string;
  measure: string | null;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-soak-'));
  const config = loadConfig({ DATA_DIR: dataDir, RATE_LIMIT: '0', LOG_LEVEL: 'silent' });
  const app = await createApp({ config, logger: false });
  let failed = false;
  try {
    await completeSeed(app, config);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const eventStore = app.get<EventStore>(EVENT_STORE);
    const runner = app.get(ProjectionService).daemon;
    const health = app.get(StoreHealth);
    const startHead = await eventStore.headPosition();

    const indicators = (await (await fetch(`${base}/indicators?limit=500`, { headers: AUTH('demo-analyst') })).json()) as { items: Array<{ id: string; responsibleUnitId: string; targets: Array<{ metric: string; measure: string | null }> }> };
    const slots = indicators.items.flatMap((i) => i.targets.map((t) => ({ indicatorId: i.id, metric: t.metric, measure: t.measure }))).flatMap((t: Target) => PERIODS.map((period) => ({ ...t, period })));
    const homes = new Map(indicators.items.map((i) => [i.id, i.responsibleUnitId]));
    const reports: Array<Target & { reportId: string }> = [];
    const accepted = new Map<string, number>();
    const statuses = new Map<number, number>();
    let commands = 0;
    const deadline = Date.now() + SECONDS * 1000;

    async function post(kind: string, url: string, body: object, key = 'demo-coordinator'): Promise<Record<string, unknown> | null> {
      const res = await fetch(`${base}${url}`, { method: 'POST', headers: AUTH(key), body: JSON.stringify(body) });
      commands += 1;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 500) throw new Error(`${res.status} on ${url}: ${JSON.stringify(json)}`);
      if (res.status !== 201) return null;
      accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
      return json;
    }

    async function worker(id: number): Promise<void> {
      for (let n = id; Date.now() < deadline; n += WORKERS) {
        const roll = n % 10;
        if (roll < 4 && slots.length > 0) {
          const slot = slots.splice(Math.floor(Math.random() * slots.length), 1)[0];
          const body = await post('ProgressReported', `/indicators/${slot.indicatorId}/progress-reports`, { metric: slot.metric, period: slot.period, ...readingFor(slot.measure, n) });
          if (body) reports.push({ ...slot, reportId: body.reportId as string });
        } else if (roll < 8 && reports.length > 0) {
          const report = reports[Math.floor(Math.random() * reports.length)];
          await post('ProgressReportCorrected', `/indicators/${report.indicatorId}/progress-reports/${report.reportId}/corrections`, { ...correctedReading(report.measure, n), reason: `Soak ${n}` });
        } else if (roll === 8) {
          const ids = [...homes.keys()];
          const indicatorId = ids[n % ids.length];
          const toUnitId = homes.get(indicatorId) === 'phong-kinh-te' ? 'van-phong-thanh-uy' : 'phong-kinh-te';
          if (await post('ResponsibilityReassigned', `/indicators/${indicatorId}/reassignments`, { toUnitId, reason: 'Soak', decisionRef: `S-${n}` })) homes.set(indicatorId, toUnitId);
        } else {
          await post('UnitRenamed', '/units/phong-kinh-te/renaming', { name: `Phòng Kinh tế ${n}`, reason: 'Soak' });
        }
      }
    }

    let restarts = 0;
    let maxLagEvents = 0;
    let maxLagSeconds = 0;
    const restarter = (async () => {
      while (Date.now() < deadline) {
        await sleep(RESTART_EVERY_MS);
        await runner.stop();
        await sleep(50 + Math.random() * 200);
        runner.start();
        restarts += 1;
      }
    })();
    const sampler = (async () => {
      while (Date.now() < deadline) {
        const lag = await health.projectionHealth();
        maxLagEvents = Math.max(maxLagEvents, lag.lagEvents);
        maxLagSeconds = Math.max(maxLagSeconds, lag.lagSeconds);
        await sleep(50);
      }
    })();

    console.log(`Soak: ${SECONDS} s, ${WORKERS} workers, projection runner restarted every ${RESTART_EVERY_MS} ms, on ${base}`);
    await Promise.all([...Array.from({ length: WORKERS }, (_, i) => worker(i)), restarter, sampler]);
    const head = await eventStore.headPosition();
    if (!(await runner.waitForPosition(head, 30_000))) throw new Error(`read models did not reach ${head}`);

    const problems = await verify(eventStore, app.get<ReadModelStore>(READ_MODEL_STORE), startHead, accepted);
    console.log(`Commands sent: ${commands} (${[...statuses].sort().map(([s, c]) => `${s}: ${c}`).join(', ')}), ${(commands / SECONDS).toFixed(0)}/s`);
    console.log(`Accepted: ${[...accepted].map(([k, c]) => `${k} ${c}`).join(', ')}; events appended: ${head - startHead}`);
    console.log(`Projection runner restarts: ${restarts}`);
    console.log(`Longest projection lag: ${maxLagEvents} events, ${maxLagSeconds.toFixed(3)} s`);
    if (problems.length > 0) {
      failed = true;
      console.log(`MISMATCH:\n  ${problems.join('\n  ')}`);
    } else {
      console.log('Counts match exactly; the live read models equal a rebuild from zero.');
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

/** Events against answers, read models against events, live read models against a rebuild. */
async function verify(eventStore: EventStore, live: ReadModelStore, startHead: number, accepted: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  const events = await eventStore.readAll({ fromPosition: 0, limit: 10_000_000 });
  const byType = new Map<string, number>();
  for (const e of events.filter((e) => e.position > startHead)) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  for (const type of new Set([...byType.keys(), ...accepted.keys()])) {
    if ((byType.get(type) ?? 0) !== (accepted.get(type) ?? 0)) problems.push(`${type}: ${byType.get(type) ?? 0} events for ${accepted.get(type) ?? 0} commands answered 201`);
  }
  const all = (type: string) => events.filter((e) => e.type === type).length;
  const documents = await servingDocuments(live, ALL_PROJECTIONS);
  const indicators = (documents.get('indicators') ?? []) as unknown as Array<{ counts: Record<string, number> }>;
  const sum = (key: string) => indicators.reduce((total, i) => total + i.counts[key], 0);
  const expectations: Array<[string, number, number]> = [
    ['indicators.counts.reports', sum('reports'), all('ProgressReported')],
    ['indicators.counts.corrections', sum('corrections'), all('ProgressReportCorrected')],
    ['indicators.counts.reassignments', sum('reassignments'), all('ResponsibilityReassigned')],
    ['progress_reports documents', documents.get('progress_reports')?.length ?? 0, all('ProgressReported')],
    ['indicator_history documents', documents.get('indicator_history')?.length ?? 0, events.filter((e) => e.streamId.startsWith('indicator-')).length],
  ];
  for (const [what, got, want] of expectations) if (got !== want) problems.push(`${what}: ${got}, expected ${want}`);

  const copy = new SqliteReadModelStore({ filename: ':memory:' });
  await new ProjectionDaemon(eventStore, copy, ALL_PROJECTIONS, new ReadModelAvailability(), { logger: { log: () => undefined, error: () => undefined } }).catchUp();
  const rebuilt = await servingDocuments(copy, ALL_PROJECTIONS);
  await copy.close();
  for (const [name, a] of documents) {
    const b = rebuilt.get(name) ?? [];
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${name}: live read model differs from a rebuild (${a.length} vs ${b.length} documents)`);
  }
  return problems;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
