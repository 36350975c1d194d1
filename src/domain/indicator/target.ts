/**
 * What an indicator or task aims at. One indicator may have several targets (indicator 4: growth
 * plus a three-part economic structure), each addressed by a `metric` key stable within its indicator.
 *
 * A target is of one of two kinds:
 * - `numeric` (the default, and every target recorded before kinds existed): a figure compared with
 *   a threshold, a range or a ranking;
 * - `milestone` (nhiệm vụ định tính): a task with no figure. Each report gives the task's state for
 *   the period and a narrative instead of a value (see reading.ts); the target may carry a deadline.
 */

/**
 * - `>=`, `>`, `<=`, `<`, `=`: compare the value with `value` ("trở lên" is >=, "trên" is >, "dưới" is <).
 *   `=` means equal at the precision the target is stated in (a structure share of 56.5 is met by 56.5).
 * - `between`: `min` <= value <= `max` (relocate 60–70 facilities).
 * - `top_group`: the value is a rank (1 = best); met when rank <= `value`, the size of the top group.
 */
export type Comparator = '>=' | '>' | '<=' | '<' | '=' | 'between' | 'top_group';

export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '=', 'between', 'top_group'];

/**
 * How a reported value is checked, independent of the display unit:
 * - `share`: a percentage of a whole, 0–100 (coverage, rates, % completion of a task).
 * - `growth`: a percentage change, any finite number (growth can be negative, or above 100).
 * - `count`: a whole number >= 0 (party members, enterprises, communes, jobs).
 * - `amount`: a non-negative quantity with decimals (nghìn tỷ đồng).
 * - `rank`: a whole number >= 1, position in a ranking (1 = best).
 */
export type Measure = 'share' | 'growth' | 'count' | 'amount' | 'rank';

export const MEASURES: readonly Measure[] = ['share', 'growth', 'count', 'amount', 'rank'];

/**
 * - `cumulative`: the figure builds up over the year (new members admitted, jobs created). Reports carry
 *   the year-to-date total, so the latest report is the figure, never a sum of reports.
 * - `level`: the figure is a state at a moment (forest cover %, insurance coverage).
 */
export type Accumulation = 'cumulative' | 'level';

export type TargetKind = 'numeric' | 'milestone';

export const TARGET_KINDS: readonly TargetKind[] = ['numeric', 'milestone'];

interface TargetBase {
  metric: string;
  /** Vietnamese wording of the target, as in the resolution. */
  label: string;
  /** ISO date (YYYY-MM-DD, local time) by which the target must be met, for tasks with a deadline. */
  dueDate?: string;
}

/** What a numeric target compares a figure with, and how the figure is checked. */
interface NumericGoal {
  comparator: Comparator;
  /** Threshold for comparison operators; top-group size for `top_group`. Absent for `between`. */
  value?: number;
  min?: number;
  max?: number;
  /** Display unit, e.g. '%', 'đảng viên', 'doanh nghiệp', 'nghìn tỷ đồng', 'thứ hạng'. */
  unit: string;
  measure: Measure;
  accumulation: Accumulation;
  /** For `top_group`: the ranking it refers to, e.g. 'DDCI', 'PAR Index', 'SIPAS'. */
  rankingIndex?: string;
}

export interface NumericTarget extends TargetBase, NumericGoal {
  /** Absent on targets recorded before target kinds existed: they are all numeric. */
  kind?: 'numeric';
}

/** The fields of another kind of target, declared absent so that either kind can be read field by field. */
type Absent<T> = { [K in keyof T]?: undefined };

export interface MilestoneTarget extends TargetBase, Absent<NumericGoal> {
  kind: 'milestone';
}

export type Target = NumericTarget | MilestoneTarget;

export function isMilestone(target: Pick<Target, 'kind'>): target is MilestoneTarget {
  return target.kind === 'milestone';
}

export function targetKind(target: Pick<Target, 'kind'>): TargetKind {
  return target.kind === 'milestone' ? 'milestone' : 'numeric';
}

/** The parts of a target a revision may change. */
export interface TargetChange {
  comparator?: Comparator;
  value?: number;
  min?: number;
  max?: number;
  dueDate?: string;
}

export type TargetProblem = { field: string; problem: string };

/** Checks a target is internally coherent; returns the problems found (empty when valid). */
export function targetProblems(target: Target): TargetProblem[] {
  const problems: TargetProblem[] = [];
  if (!target.metric || !/^[a-z0-9_]+$/.test(target.metric)) {
    problems.push({ field: 'metric', problem: 'must be a non-empty snake_case key' });
  }
  if (isMilestone(target)) problems.push(...milestoneProblems(target));
  else problems.push(...goalProblems(target));
  if (target.dueDate !== undefined && !isIsoDate(target.dueDate)) {
    problems.push({ field: 'dueDate', problem: 'must be a date YYYY-MM-DD' });
  }
  return problems;
}

const NUMERIC_FIELDS = ['comparator', 'value', 'min', 'max', 'unit', 'measure', 'accumulation', 'rankingIndex'] as const;

/** A milestone is reported by its state: it states no figure to compare with, nor a unit to count in. */
function milestoneProblems(target: MilestoneTarget): TargetProblem[] {
  return NUMERIC_FIELDS.filter((field) => target[field] !== undefined).map((field) => ({
    field,
    problem: 'a milestone target has no figure: it is reported by its state, not compared with a value',
  }));
}

function goalProblems(target: NumericTarget): TargetProblem[] {
  const problems: TargetProblem[] = [];
  if (target.comparator === 'between') {
    if (!isFiniteNumber(target.min) || !isFiniteNumber(target.max)) {
      problems.push({ field: 'min/max', problem: 'a range needs both min and max' });
    } else if (target.min > target.max) {
      problems.push({ field: 'min/max', problem: 'min must not exceed max' });
    } else {
      problems.push(...boundProblems('min', target.min, target.measure), ...boundProblems('max', target.max, target.measure));
    }
  } else if (!isFiniteNumber(target.value)) {
    problems.push({ field: 'value', problem: `comparator ${target.comparator} needs a value` });
  } else if (target.comparator === 'top_group') {
    if (target.measure !== 'rank') problems.push({ field: 'measure', problem: 'top_group targets measure a rank' });
    if (!Number.isInteger(target.value) || target.value < 1) {
      problems.push({ field: 'value', problem: 'top group size must be a whole number >= 1' });
    }
  } else {
    problems.push(...boundProblems('value', target.value, target.measure));
  }
  return problems;
}

/** Why a reported value does not suit the target's measure, or null when it does. */
export function valueProblem(measure: Measure, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  switch (measure) {
    case 'share':
      return value >= 0 && value <= 100 ? null : 'a percentage share must lie between 0 and 100';
    case 'growth':
      return null;
    case 'count':
      return Number.isInteger(value) && value >= 0 ? null : 'a count must be a whole number >= 0';
    case 'amount':
      return value >= 0 ? null : 'an amount must be >= 0';
    case 'rank':
      return Number.isInteger(value) && value >= 1 ? null : 'a rank must be a whole number >= 1';
    default:
      return assertNever(measure);
  }
}

/** Applies a revision to a target. The caller validates the result with `targetProblems`. */
export function reviseTarget(target: Target, change: TargetChange): Target {
  if (isMilestone(target)) return change.dueDate === undefined ? { ...target } : { ...target, dueDate: change.dueDate };
  const comparator = change.comparator ?? target.comparator;
  const revised: NumericTarget = { ...target, comparator };
  if (comparator === 'between') {
    delete revised.value;
    revised.min = change.min ?? target.min;
    revised.max = change.max ?? target.max;
  } else {
    delete revised.min;
    delete revised.max;
    revised.value = change.value ?? target.value;
  }
  if (change.dueDate !== undefined) revised.dueDate = change.dueDate;
  return revised;
}

/** What a change asks of a target that its kind cannot take: a milestone's only goal is its deadline. */
export function changeProblems(target: Target, change: TargetChange): TargetProblem[] {
  if (!isMilestone(target)) return [];
  return (['comparator', 'value', 'min', 'max'] as const)
    .filter((field) => change[field] !== undefined)
    .map((field) => ({ field, problem: 'a milestone target has no figure: only its due date can be revised' }));
}

/** True when the two targets ask for the same thing. */
export function sameGoal(a: Target, b: Target): boolean {
  return (
    targetKind(a) === targetKind(b) &&
    a.comparator === b.comparator &&
    a.value === b.value &&
    a.min === b.min &&
    a.max === b.max &&
    a.dueDate === b.dueDate
  );
}

function boundProblems(field: string, bound: number, measure: Measure): TargetProblem[] {
  const problem = valueProblem(measure, bound);
  return problem ? [{ field, problem }] : [];
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
