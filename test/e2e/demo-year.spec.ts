/**
 * `npm run demo`: the demo year is built through the real commands into its own data directory.
 * Most checks run on a few indicators (the same figures the full year gives them); one builds the
 * whole year. Every step goes through the deciders, so a step the rules refuse fails the build.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { loadDemoCast } from '../../src/demo/demo-actors';
import { buildDemoYear, DEMO_SEEDED_AT, DemoStoreError, type DemoSummary } from '../../src/demo/demo-builder';
import { planDemoYear, type DemoPlanOptions } from '../../src/demo/demo-plan';
import type { EventStore } from '../../src/event-store/event-store.port';
import { verifyLedger } from '../../src/integrity/verify-report';
import { loadSeedFile } from '../../src/seeding/seed-loader';
import type { RecordedEvent } from '../../src/shared/messages';
import { startTestApp, type TestApp } from '../support/test-app';

const config = loadConfig({ DATA_DIR: os.tmpdir() });
const seed = loadSeedFile(config.seedFile);
const cast = loadDemoCast(config.demoPrincipalsFile);

/** Indicators and tasks the scripted story touches, and a task with nothing scripted. */
const SUBSET: DemoPlanOptions = {
  indicatorIds: ['ind-04', 'ind-07', 'ind-10', 'ind-19', 'task-hon-gai-high-school', 'task-disburse-capital-plan', 'task-covid-5k'],
};

const dataDirs: string[] = [];

function newDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-demo-'));
  dataDirs.push(dir);
  return dir;
}

/** Builds the demo into `dataDir` through an app on it, then leaves the app open for queries. */
async function buildInto(dataDir: string, options: DemoPlanOptions): Promise<{ t: TestApp; summary: DemoSummary }> {
  const t = await startTestApp({ dataDir, seed: false, now: DEMO_SEEDED_AT });
  try {
    const summary = await buildDemoYear(t.app, t.clock, seed, planDemoYear(seed, cast, options));
    return { t, summary };
  } catch (error) {
    await t.close();
    throw error;
  }
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: events.at(-1)?.position ?? 0, limit: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

async function verified(store: EventStore): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await verifyLedger(store, {}, (line) => lines.push(line));
  return { code, lines };
}

afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo year, on a few indicators (e2e)', () => {
  let t: TestApp;
  let summary: DemoSummary;
  let events: RecordedEvent[];

  beforeAll(async () => {
    ({ t, summary } = await buildInto(newDataDir(), SUBSET));
    events = await allEvents(t.eventStore);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('applies every planned step, none refused, the seed included', () => {
    expect(summary.alreadyPresent).toBe(0);
    expect(summary.readModelsCaughtUp).toBe(true);
    expect(summary.applied).toBe(summary.steps + 1 + seed.units.length + seed.indicators.length);
    expect(summary.position).toBe(events.at(-1)?.position);
  });

  it('marks every event as demo data, and every hash chain holds', async () => {
    expect(events.filter((event) => event.metadata.demo !== true).map((event) => `${event.streamId}@${event.revision}`)).toEqual([]);
    const { code, lines } = await verified(t.eventStore);
    expect(lines.join('\n')).toContain('RESULT: ok');
    expect(code).toBe(0);
  });

  it('tells the story: reports across 2021 and early 2022, corrections with reasons, a reassignment, revisions and queries with decision references', () => {
    const types = new Set(events.map((event) => event.type));
    for (const type of ['ProgressReported', 'ProgressReportCorrected', 'ResponsibilityReassigned', 'TargetRevised', 'ReportQueried', 'ReportQueryAnswered', 'ReportQueryClosed']) {
      expect(types).toContain(type);
    }
    const reports = events.filter((event) => event.type === 'ProgressReported');
    expect(reports.some((event) => event.metadata.recordedAt.startsWith('2022-'))).toBe(true);
    const months = new Set(reports.map((event) => event.metadata.recordedAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    const governance = events.filter((event) => event.type === 'ResponsibilityReassigned' || event.type === 'TargetRevised');
    for (const event of governance) expect((event.data as { decisionRef: string }).decisionRef).toMatch(/số \d+/);
    const milestones = reports.filter((event) => (event.data as { state?: string }).state !== undefined);
    expect(milestones.length).toBeGreaterThan(0);
  });

  it('has the reports after a reassignment made by the unit that took over', () => {
    const stream = events.filter((event) => event.streamId === 'indicator-ind-19');
    const reassigned = stream.findIndex((event) => event.type === 'ResponsibilityReassigned');
    expect(reassigned).toBeGreaterThan(0);
    const after = stream.slice(reassigned + 1).filter((event) => event.type === 'ProgressReported');
    expect(after.length).toBeGreaterThan(0);
    for (const event of after) expect(event.metadata.actor.unitId).toBe('phong-tai-nguyen-moi-truong');
  });

  it('puts quarter-end cut-offs to use: a quarter reported after it ended shows only as of a later date', async () => {
    const asOfQ2End = await t.get('/indicators/task-covid-5k?asOf=2021-06-30T16:59:59Z').expect(200);
    const latest = await t.get('/indicators/task-covid-5k').expect(200);
    expect(asOfQ2End.body.targets[0].latestPeriod).toBe('2021-Q1');
    expect(latest.body.targets[0].latestPeriod).not.toBe('2021-Q1');
  });

  it('says on GET /resolutions that it holds demo data', async () => {
    const { body } = await t.get('/resolutions').expect(200);
    expect(body.items).toEqual([expect.objectContaining({ id: 'hl-2021', demoData: true })]);
  });

  it('builds the same store every run', async () => {
    const again = await buildInto(newDataDir(), SUBSET);
    try {
      const rebuilt = await allEvents(again.t.eventStore);
      expect(rebuilt.map(({ type, data, metadata }) => ({ type, data, metadata }))).toEqual(events.map(({ type, data, metadata }) => ({ type, data, metadata })));
    } finally {
      await again.t.close();
    }
  });

  it('appends nothing when built again on its own store', async () => {
    const rerun = await buildDemoYear(t.app, t.clock, seed, planDemoYear(seed, cast, SUBSET));
    expect(rerun).toMatchObject({ applied: 0, alreadyPresent: summary.applied });
    expect(await t.eventStore.headPosition()).toBe(summary.position);
  });
});

describe('a store that is not a demo store (e2e)', () => {
  it('is refused, and GET /resolutions says demoData false for it', async () => {
    const t = await startTestApp({ dataDir: newDataDir() });
    try {
      const before = await t.eventStore.headPosition();
      await expect(buildDemoYear(t.app, t.clock, seed, planDemoYear(seed, cast, SUBSET))).rejects.toThrow(DemoStoreError);
      expect(await t.eventStore.headPosition()).toBe(before);
      const { body } = await t.get(`/resolutions?minPosition=${before}`).expect(200);
      expect(body.items).toEqual([expect.objectContaining({ id: 'hl-2021', demoData: false })]);
    } finally {
      await t.close();
    }
  });
});

describe('the whole demo year (e2e)', () => {
  it('builds every indicator and task of the resolution, none refused, every event marked, every chain intact', async () => {
    const { t, summary } = await buildInto(newDataDir(), {});
    try {
      const events = await allEvents(t.eventStore);
      expect(summary.applied).toBe(summary.steps + 1 + seed.units.length + seed.indicators.length);
      expect(events).toHaveLength(summary.position);
      expect(events.filter((event) => event.metadata.demo !== true)).toEqual([]);
      const reported = new Set(events.filter((event) => event.type === 'ProgressReported').map((event) => event.streamId));
      expect(reported.size).toBe(seed.indicators.length);
      expect((await verified(t.eventStore)).code).toBe(0);
    } finally {
      await t.close();
    }
  }, 120_000);
});
