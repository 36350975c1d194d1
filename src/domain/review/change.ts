/**
 * How a target moved between the previous quarter's review and this one (both as known at the same
 * cut-off). Rule, in order:
 * 1. No figure or state at either end: `unchanged`. None before and one now: `new`.
 * 2. The status decides first, ranked `not_achieved` < `at_risk` < `on_track` < `achieved`: a
 *    higher status is `improved`, a lower one `worsened`. (A figure that disappears — it cannot,
 *    reports only accumulate — would be `worsened`.)
 * 3. With the same status, the reading decides:
 *    - a figure moves in the target's favourable direction (up for `>=`, `>`; down for `<=`, `<`
 *      and rankings; towards the value for `=`; towards the range for `between`): `improved`;
 *      against it: `worsened`; the same figure, or a move that stays inside a range: `unchanged`;
 *    - a state moves along Chưa triển khai → Đang triển khai → Hoàn thành (`improved`) or back
 *      (`worsened`); Không hoàn thành ranks below them all. The same state is `unchanged`
 *      whatever the narrative says: a narrative is read, not ranked.
 */
import type { MilestoneState } from '../indicator/reading';
import type { TargetStatus } from '../indicator/status';
import type { Comparator } from '../indicator/target';

export type ReviewChange = 'improved' | 'worsened' | 'unchanged' | 'new';

export const REVIEW_CHANGES: readonly ReviewChange[] = ['improved', 'worsened', 'unchanged', 'new'];

/** A target's standing at a review: its status and the reading it was judged on. */
export interface Standing {
  status: TargetStatus;
  value: number | null;
  state: MilestoneState | null;
}

/** What the direction of a figure is judged against; a milestone has no comparator. */
export interface ChangeGoal {
  comparator: Comparator | null;
  value: number | null;
  min: number | null;
  max: number | null;
}

const STATUS_RANK: Record<TargetStatus, number> = { no_data: -1, not_achieved: 0, at_risk: 1, on_track: 2, achieved: 3 };

const STATE_RANK: Record<MilestoneState, number> = { not_completed: 0, not_started: 1, in_progress: 2, completed: 3 };

export function changeBetween(goal: ChangeGoal, before: Standing, after: Standing): ReviewChange {
  const hadReading = before.value !== null || before.state !== null;
  const hasReading = after.value !== null || after.state !== null;
  if (!hadReading) return hasReading ? 'new' : 'unchanged';
  if (!hasReading) return 'worsened';
  const byStatus = STATUS_RANK[after.status] - STATUS_RANK[before.status];
  if (byStatus !== 0) return byStatus > 0 ? 'improved' : 'worsened';
  if (before.state !== null && after.state !== null) return signOf(STATE_RANK[after.state] - STATE_RANK[before.state]);
  if (before.value !== null && after.value !== null) return signOf(gain(goal, before.value, after.value));
  return 'unchanged';
}

/** How much closer to the goal `after` is than `before` (positive: closer). */
function gain(goal: ChangeGoal, before: number, after: number): number {
  switch (goal.comparator) {
    case '>=':
    case '>':
      return after - before;
    case '<=':
    case '<':
    case 'top_group':
      return before - after;
    case '=':
      return Math.abs(before - (goal.value ?? 0)) - Math.abs(after - (goal.value ?? 0));
    case 'between':
      return outside(goal, before) - outside(goal, after);
    case null:
      return 0;
  }
}

/** How far a figure lies outside the range (0 inside it). */
function outside(goal: ChangeGoal, figure: number): number {
  if (goal.min !== null && figure < goal.min) return goal.min - figure;
  if (goal.max !== null && figure > goal.max) return figure - goal.max;
  return 0;
}

function signOf(n: number): ReviewChange {
  return n > 0 ? 'improved' : n < 0 ? 'worsened' : 'unchanged';
}
