/** The demo year's plan: plausible figures that suit their targets, in time order, the same every time. */
import * as os from 'node:os';
import { loadConfig } from '../../../src/config/config';
import { isMilestone, valueProblem, type NumericTarget } from '../../../src/domain/indicator/target';
import { meetsTarget } from '../../../src/domain/indicator/status';
import { loadDemoCast } from '../../../src/demo/demo-actors';
import { figuresOf } from '../../../src/demo/demo-figures';
import { periodsOf } from '../../../src/demo/demo-periods';
import { planDemoYear, type DemoStep } from '../../../src/demo/demo-plan';
import { DemoRandom } from '../../../src/demo/demo-random';
import { loadSeedFile } from '../../../src/seeding/seed-loader';

const config = loadConfig({ DATA_DIR: os.tmpdir() });
const seed = loadSeedFile(config.seedFile);
const cast = loadDemoCast(config.demoPrincipalsFile);
const plan = planDemoYear(seed, cast);

const numericTargets = seed.indicators.flatMap((indicator) =>
  indicator.targets.filter((target): target is NumericTarget => !isMilestone(target)).map((target) => ({ indicator, target })),
);

type Report = Extract<DemoStep, { kind: 'report' }>;
const reports = plan.filter((step): step is Report => step.kind === 'report');

describe('the demo plan', () => {
  it('is the same every time it is made', () => {
    expect(planDemoYear(seed, cast)).toEqual(plan);
  });

  it('gives a subset of indicators the very steps the whole year gives them', () => {
    const subset = ['ind-10', 'task-covid-5k'];
    const partial = planDemoYear(seed, cast, { indicatorIds: subset });
    expect(partial.length).toBeGreaterThan(0);
    expect(partial).toEqual(plan.filter((step) => subset.includes(step.indicatorId)));
  });

  it('is in the order of its moments, each step keyed once, every moment in 2021 or early 2022', () => {
    const moments = plan.map((step) => step.at);
    expect(moments).toEqual([...moments].sort());
    expect(new Set(plan.map((step) => step.key)).size).toBe(plan.length);
    expect(moments[0] >= '2021-01-01').toBe(true);
    expect(moments.at(-1)! < '2022-04-01').toBe(true);
  });

  it('reports every indicator and task, each period after it has ended', () => {
    expect(new Set(reports.map((step) => step.indicatorId)).size).toBe(seed.indicators.length);
    for (const step of reports) {
      const [year, rest] = step.period.split('-');
      const lastMonth = rest === undefined ? 12 : rest.startsWith('Q') ? Number(rest[1]) * 3 : Number(rest);
      const endsAt = new Date(Date.UTC(Number(year), lastMonth, 1) - 7 * 3600_000).toISOString();
      expect({ key: step.key, after: step.at > endsAt }).toEqual({ key: step.key, after: true });
    }
  });

  it('reports figures that suit their measures, year-to-date totals that never fall', () => {
    for (const { indicator, target } of numericTargets) {
      const values = reports.filter((step) => step.indicatorId === indicator.id && step.metric === target.metric).map((step) => step.reading.value as number);
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect({ metric: target.metric, value, problem: valueProblem(target.measure, value) }).toMatchObject({ problem: null });
      if (target.accumulation === 'cumulative') expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  it('has most targets met at the end of the year, and some not', () => {
    const outcomes = numericTargets.map(({ indicator, target }) => {
      const last = reports.filter((step) => step.indicatorId === indicator.id && step.metric === target.metric).at(-1)!;
      return meetsTarget(target, last.reading.value as number);
    });
    const achieved = outcomes.filter(Boolean).length;
    expect(achieved / outcomes.length).toBeGreaterThan(0.5);
    expect(achieved).toBeLessThan(outcomes.length);
  });

  it('keeps the economic structure at 100% in every quarter', () => {
    const shares = (metric: string) => reports.filter((step) => step.indicatorId === 'ind-04' && step.metric === metric).map((step) => step.reading.value as number);
    const services = shares('structure_services');
    const industry = shares('structure_industry_construction');
    const agriculture = shares('structure_agriculture_forestry_fishery');
    expect(services).toHaveLength(4);
    services.forEach((share, i) => expect(Math.round((share + industry[i] + agriculture[i]) * 10) / 10).toBe(100));
  });

  it('narrates every qualitative report in Vietnamese, and dates a completion exactly when the task is completed', () => {
    const milestones = reports.filter((step) => step.reading.state !== undefined);
    expect(milestones.length).toBeGreaterThan(seed.indicators.length);
    for (const step of milestones) {
      expect(step.reading.narrative).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
      expect(step.reading.completedOn !== undefined).toBe(step.reading.state === 'completed');
    }
  });
});

describe('demo figures', () => {
  const target: NumericTarget = { metric: 'new_jobs', label: '', comparator: '>=', value: 6500, unit: 'lao động', measure: 'count', accumulation: 'cumulative' };

  it('end a met target at or above it, and a target falling short below it', () => {
    for (const name of ['a', 'b', 'c']) {
      const met = figuresOf(target, periodsOf(2021, 'monthly', new DemoRandom(name)), 'met', new DemoRandom(name));
      const short = figuresOf(target, periodsOf(2021, 'monthly', new DemoRandom(name)), 'short', new DemoRandom(name));
      expect(met.at(-1)!.value).toBeGreaterThanOrEqual(6500);
      expect(short.at(-1)!.value).toBeLessThan(6500);
    }
  });
});
