/**
 * Synthetic tasks for the benchmark datasets: registered, reported, corrected, reassigned and
 * revised through the real indicator decider, so every event is one the service could have written.
 */
import type { Target } from '../../../src/domain/indicator/target';

export const BENCH_ACTOR = {
  id: 'bench-coordinator',
  unitId: 'van-phong-thanh-uy',
  // A coordinator may report for any unit and reassign; the standing committee revises targets.
  roles: ['coordinator', 'standing_committee'] as Array<'coordinator' | 'standing_committee'>,
};

/** The API key of a demo principal that may report on every indicator (a coordinator). */
export const COORDINATOR_KEY = 'demo-coordinator';
export const ANALYST_KEY = 'demo-analyst';
export const INSPECTOR_KEY = 'demo-inspector';

export const PERIODS: readonly string[] = [
  ...Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`),
  '2021-Q1',
  '2021-Q2',
  '2021-Q3',
  '2021-Q4',
  '2021-H1',
  '2021-H2',
  '2021',
];

export const SYNTHETIC_TARGETS: readonly Target[] = [
  {
    metric: 'completion',
    label: 'Hoàn thành 100% khối lượng công việc theo kế hoạch',
    comparator: '>=',
    value: 100,
    unit: '%',
    measure: 'share',
    accumulation: 'level',
  },
  {
    metric: 'households',
    label: 'Hỗ trợ 500 hộ gia đình trở lên',
    comparator: '>=',
    value: 500,
    unit: 'hộ',
    measure: 'count',
    accumulation: 'cumulative',
  },
  {
    metric: 'growth',
    label: 'Tăng trưởng 8% trở lên',
    comparator: '>=',
    value: 8,
    unit: '%',
    measure: 'growth',
    accumulation: 'level',
  },
];

/** The two values each target's revisions alternate between. */
export const REVISED_VALUES: Readonly<Record<string, readonly [number, number]>> = {
  completion: [100, 95],
  households: [500, 520],
  growth: [8, 8.5],
};

/** Every (metric, period) a synthetic task can be reported for once. */
export const REPORT_SLOTS: ReadonlyArray<{ metric: string; period: string }> = PERIODS.flatMap((period) =>
  SYNTHETIC_TARGETS.map((target) => ({ metric: target.metric, period })),
);

export function syntheticIndicatorId(index: number): string {
  return `bench-task-${index}`;
}

export const HISTORY_INDICATOR = (events: number): string => `bench-history-${events}`;
