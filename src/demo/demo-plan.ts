/**
 * The demo year as a list of steps, each a command with the moment it is sent and who sends it:
 * routine reports of every tracked target, then the scripted corrections, reassignment, revisions
 * and queries (demo-scenario.ts), all in the order of their moments. Pure and deterministic: the
 * same seed file and cast give the same steps, and a subset gives the same steps for its indicators.
 */
import { localDay } from '../domain/indicator/period';
import type { ReadingInput } from '../domain/indicator/reading';
import { isMilestone, type NumericTarget, type Target, type TargetChange } from '../domain/indicator/target';
import type { SeedFile, SeedIndicator } from '../seeding/seed-file';
import type { Actor } from '../shared/messages';
import type { DemoCast } from './demo-actors';
import { addDays, minutesAfter, officeHours, workingDay } from './demo-calendar';
import { drawOutcome, figuresOf, suited, type DemoFigure } from './demo-figures';
import { milestoneReadingsOf } from './demo-milestones';
import { periodsOf, type Cadence } from './demo-periods';
import { DemoRandom } from './demo-random';
import { CORRECTIONS, OUTCOMES, QUERIES, REASSIGNMENTS, REVISIONS, type FigureChange } from './demo-scenario';

interface StepBase {
  /** Unique within the demo; the command id is derived from it, so a rerun sends the same commands. */
  key: string;
  /** When the command is sent (the clock is set to it). */
  at: string;
  actor: Actor;
  indicatorId: string;
}

export type DemoStep =
  | (StepBase & { kind: 'report'; metric: string; period: string; reading: ReadingInput; note?: string })
  | (StepBase & { kind: 'correct'; reportKey: string; reading: ReadingInput; reason: string })
  | (StepBase & { kind: 'reassign'; toUnitId: string; reason: string; decisionRef: string })
  | (StepBase & { kind: 'revise'; metric: string; change: TargetChange; reason: string; decisionRef: string })
  | (StepBase & { kind: 'raise'; reportKey: string; question: string })
  | (StepBase & { kind: 'answer'; queryKey: string; answer: string; correction?: ReadingInput & { reason: string } })
  | (StepBase & { kind: 'close'; queryKey: string; conclusion: string });

export interface DemoPlanOptions {
  /** Only these indicators and tasks get reports (and the scripted steps that concern them); all by default. */
  indicatorIds?: readonly string[];
}

/** Rated once a year (party organisations and members at the year-end review; the province's rankings). */
const RATED_YEARLY = new Set(['ind-01', 'ind-02', 'ind-09']);

export function reportKey(indicatorId: string, metric: string, period: string): string {
  return `report:${indicatorId}:${metric}:${period}`;
}

export function planDemoYear(seed: SeedFile, cast: DemoCast, options: DemoPlanOptions = {}): DemoStep[] {
  const year = seed.resolution.year;
  const included = options.indicatorIds ? new Set(options.indicatorIds) : null;
  const indicators = seed.indicators.filter((indicator) => !included || included.has(indicator.id));
  const responsibility = new Responsibility(seed.indicators);
  const steps: DemoStep[] = [...governanceSteps(indicators, cast, responsibility)];

  const reports = new Map<string, PlannedReport>();
  for (const indicator of indicators) {
    for (const planned of reportsOf(indicator, year)) {
      const key = reportKey(indicator.id, planned.metric, planned.period);
      reports.set(key, planned);
      steps.push({
        kind: 'report',
        key,
        at: planned.at,
        actor: cast.reporterOf(responsibility.at(indicator.id, planned.at)),
        indicatorId: indicator.id,
        metric: planned.metric,
        period: planned.period,
        reading: planned.reading,
        ...(planned.note ? { note: planned.note } : {}),
      });
    }
  }
  // After the reports: each follows the report it concerns, and a correction changes what the next one corrects.
  steps.push(...correctionSteps(reports, cast, responsibility), ...querySteps(reports, cast, responsibility));

  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
}

/** The reassignments (recorded in `responsibility`, so later reports come from the new unit) and the revisions. */
function governanceSteps(indicators: readonly SeedIndicator[], cast: DemoCast, responsibility: Responsibility): DemoStep[] {
  const planned = (id: string) => indicators.some((indicator) => indicator.id === id);
  const steps: DemoStep[] = [];
  for (const r of REASSIGNMENTS.filter((r) => planned(r.indicatorId))) {
    const at = officeHours(r.on, new DemoRandom(`reassign:${r.indicatorId}`));
    responsibility.reassign(r.indicatorId, r.toUnitId, at);
    steps.push({
      kind: 'reassign',
      key: `reassign:${r.indicatorId}:${r.on}`,
      at,
      actor: cast.coordinator,
      indicatorId: r.indicatorId,
      toUnitId: r.toUnitId,
      reason: r.reason,
      decisionRef: r.decisionRef,
    });
  }
  for (const r of REVISIONS.filter((r) => planned(r.indicatorId))) {
    steps.push({
      kind: 'revise',
      key: `revise:${r.indicatorId}:${r.metric}:${r.on}`,
      at: officeHours(r.on, new DemoRandom(`revise:${r.indicatorId}:${r.metric}`)),
      actor: cast.standingCommittee,
      indicatorId: r.indicatorId,
      metric: r.metric,
      change: r.change,
      reason: r.reason,
      decisionRef: r.decisionRef,
    });
  }
  return steps;
}

function correctionSteps(reports: ReadonlyMap<string, PlannedReport>, cast: DemoCast, responsibility: Responsibility): DemoStep[] {
  const steps: DemoStep[] = [];
  for (const c of CORRECTIONS) {
    const key = reportKey(c.indicatorId, c.metric, c.period);
    const planned = reports.get(key);
    if (!planned) continue;
    const at = laterWorkingDay(planned.at, c.after, `correct:${key}`);
    planned.reading = { value: changedFigure(planned, c.change) };
    steps.push({
      kind: 'correct',
      key: `correct:${key}`,
      at,
      actor: cast.reporterOf(responsibility.at(c.indicatorId, at)),
      indicatorId: c.indicatorId,
      reportKey: key,
      reading: planned.reading,
      reason: c.reason,
    });
  }
  return steps;
}

/** Each query raised by the inspector some days after the report, answered by the unit then responsible, closed by the inspector. */
function querySteps(reports: ReadonlyMap<string, PlannedReport>, cast: DemoCast, responsibility: Responsibility): DemoStep[] {
  const steps: DemoStep[] = [];
  for (const q of QUERIES) {
    const key = reportKey(q.indicatorId, q.metric, q.period);
    const planned = reports.get(key);
    if (!planned) continue;
    const queryKey = `query:${key}`;
    const raisedAt = laterWorkingDay(planned.at, q.raisedAfter, queryKey);
    steps.push({ kind: 'raise', key: queryKey, at: raisedAt, actor: cast.inspector, indicatorId: q.indicatorId, reportKey: key, question: q.question });
    if (!q.answer) continue;
    const answeredAt = laterWorkingDay(raisedAt, q.answer.after, `answer:${key}`);
    const fix = q.answer.correction;
    const correction = fix ? { value: changedFigure(planned, fix.change), reason: fix.reason } : undefined;
    if (correction) planned.reading = { value: correction.value };
    steps.push({
      kind: 'answer',
      key: `answer:${key}`,
      at: answeredAt,
      actor: cast.reporterOf(responsibility.at(q.indicatorId, answeredAt)),
      indicatorId: q.indicatorId,
      queryKey,
      answer: q.answer.text,
      ...(correction ? { correction } : {}),
    });
    if (!q.close) continue;
    const closedAt = laterWorkingDay(answeredAt, q.close.after, `close:${key}`);
    steps.push({ kind: 'close', key: `close:${key}`, at: closedAt, actor: cast.inspector, indicatorId: q.indicatorId, queryKey, conclusion: q.close.conclusion });
  }
  return steps;
}

interface PlannedReport {
  metric: string;
  period: string;
  at: string;
  reading: ReadingInput;
  note?: string;
  target: Target;
  /** The next period's figure of the same target, for corrections that complete a year-to-date total. */
  nextValue?: number;
}

function reportsOf(indicator: SeedIndicator, year: number): PlannedReport[] {
  const planned: PlannedReport[] = [];
  const figures = new Map<string, DemoFigure[]>();
  for (const target of indicator.targets) {
    const random = new DemoRandom(`${indicator.id}:${target.metric}`);
    if (isMilestone(target)) {
      for (const reading of milestoneReadingsOf(target, periodsOf(year, 'quarterly', random), random)) {
        const { period, reportedOn, state, narrative, completedOn } = reading;
        planned.push({ metric: target.metric, period, at: officeHours(reportedOn, random), target, reading: { state, narrative, ...(completedOn ? { completedOn } : {}) } });
      }
      continue;
    }
    const outcome = OUTCOMES[`${indicator.id}:${target.metric}`] ?? drawOutcome(random);
    figures.set(target.metric, figuresOf(target, periodsOf(year, cadenceOf(indicator, target), random), outcome, random));
  }
  balanceStructure(figures);
  for (const target of indicator.targets) {
    const series = figures.get(target.metric);
    if (!series || isMilestone(target)) continue;
    const random = new DemoRandom(`${indicator.id}:${target.metric}:notes`);
    series.forEach((figure, index) => {
      const note = figure.fraction >= 1 && series.length > 1 ? 'Số liệu ước thực hiện cả năm.' : random.chance(0.12) ? 'Số liệu ước tính, sẽ cập nhật khi có số liệu chính thức.' : undefined;
      planned.push({
        metric: target.metric,
        period: figure.period,
        at: officeHours(figure.reportedOn, random),
        reading: { value: figure.value },
        ...(note ? { note } : {}),
        target,
        ...(series[index + 1] ? { nextValue: series[index + 1].value } : {}),
      });
    });
  }
  return planned;
}

function cadenceOf(indicator: SeedIndicator, target: NumericTarget): Cadence {
  if (RATED_YEARLY.has(indicator.id) || target.measure === 'rank') return 'annual';
  if (indicator.kind === 'task' || target.measure === 'growth' || target.metric.startsWith('structure_')) return 'quarterly';
  return 'monthly';
}

/** The economic structure's three shares add up to 100 in every period: industry and construction take the rest. */
function balanceStructure(figures: Map<string, DemoFigure[]>): void {
  const services = figures.get('structure_services');
  const agriculture = figures.get('structure_agriculture_forestry_fishery');
  const industry = figures.get('structure_industry_construction');
  if (!services || !agriculture || !industry) return;
  industry.forEach((figure, i) => {
    figure.value = Math.round((100 - services[i].value - agriculture[i].value) * 10) / 10;
  });
}

function changedFigure(planned: PlannedReport, change: FigureChange): number {
  const target = planned.target;
  const current = planned.reading.value;
  if (isMilestone(target) || current === undefined) throw new Error(`A figure correction needs a numeric report (${target.metric} ${planned.period})`);
  let value: number;
  if ('towardsNext' in change) value = current + ((planned.nextValue ?? current) - current) * change.towardsNext;
  else if ('points' in change) value = current + change.points;
  else value = current * (1 + change.percent / 100);
  value = suited(target, value);
  // A correction must change the figure: nudge it by the smallest step the measure shows.
  if (value === current) value = suited(target, current + (target.measure === 'count' || target.measure === 'rank' ? 1 : 0.1));
  return value;
}

function laterWorkingDay(instant: string, days: number, name: string): string {
  const random = new DemoRandom(name);
  const day = workingDay(addDays(localDay(instant), days));
  const at = officeHours(day, random);
  return at > instant ? at : minutesAfter(instant, random.int(20, 120));
}

/** Which unit answers for each indicator at a moment, following the scripted reassignments. */
class Responsibility {
  private readonly changes = new Map<string, Array<{ from: string; unitId: string }>>();

  constructor(indicators: readonly SeedIndicator[]) {
    for (const indicator of indicators) this.changes.set(indicator.id, [{ from: '', unitId: indicator.responsibleUnitId }]);
  }

  reassign(indicatorId: string, unitId: string, from: string): void {
    this.changes.get(indicatorId)?.push({ from, unitId });
  }

  at(indicatorId: string, instant: string): string {
    const changes = this.changes.get(indicatorId) ?? [];
    return changes.filter((c) => c.from <= instant).at(-1)?.unitId ?? '';
  }
}
