/**
 * What a progress report says of its target: a figure for a numeric target, a state and a
 * narrative for a milestone (nhiệm vụ định tính). A report carries exactly one of the two.
 *
 * The states are those a Vietnamese progress report (báo cáo tiến độ, kết quả thực hiện nhiệm vụ)
 * gives a task for the period:
 * - `not_started`   Chưa triển khai   — work has not begun;
 * - `in_progress`   Đang triển khai   — work is under way, not finished;
 * - `completed`     Hoàn thành        — finished, on `completedOn`;
 * - `not_completed` Không hoàn thành  — the unit declares the task was not, or will not be, finished.
 * "Hoàn thành chậm" (finished late) is not a state of its own: it is `completed` with a
 * `completedOn` after the target's due date, which the status rule judges (status.ts).
 */

export type MilestoneState = 'not_started' | 'in_progress' | 'completed' | 'not_completed';

export const MILESTONE_STATES: readonly MilestoneState[] = ['not_started', 'in_progress', 'completed', 'not_completed'];

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang triển khai',
  completed: 'Hoàn thành',
  not_completed: 'Không hoàn thành',
};

/**
 * The fields of the other kind are declared absent (`?: undefined`), so either reading can be read
 * field by field (`reading.value`, `reading.state`) and told apart by the field that is set.
 */
export interface NumericReading {
  value: number;
  state?: undefined;
  narrative?: undefined;
  completedOn?: undefined;
}

export interface MilestoneReading {
  value?: undefined;
  state: MilestoneState;
  /** What was done in the period (kết quả thực hiện): the substance an inspector checks. */
  narrative: string;
  /** The local day (YYYY-MM-DD) the task was finished; present exactly when `state` is `completed`. */
  completedOn?: string;
}

export type Reading = NumericReading | MilestoneReading;

/** A reading as a command brings it: whatever the client sent, checked against the target by the decider. */
export interface ReadingInput {
  value?: number;
  state?: MilestoneState;
  narrative?: string;
  completedOn?: string;
}

/** The reading alone, without the other fields of the event or record that carries it. */
export function readingOf(source: MilestoneReading): MilestoneReading;
export function readingOf(source: Reading): Reading;
export function readingOf(source: Reading): Reading {
  if (source.state === undefined) return { value: source.value };
  const { state, narrative, completedOn } = source;
  return completedOn === undefined ? { state, narrative } : { state, narrative, completedOn };
}

export function isMilestoneReading(reading: Reading): reading is MilestoneReading {
  return reading.state !== undefined;
}

/** True when two readings say the same thing (a correction must change something). */
export function sameReading(a: Reading, b: Reading): boolean {
  return a.value === b.value && a.state === b.state && a.narrative === b.narrative && a.completedOn === b.completedOn;
}

/**
 * What a correction changes, as its event records it: a numeric correction keeps the shape it has
 * always had (`previousValue` → `value`); a milestone correction carries the new reading and the
 * whole reading it replaces (`previous`).
 */
export interface NumericChange {
  previousValue: number;
  value: number;
  previous?: undefined;
  state?: undefined;
  narrative?: undefined;
  completedOn?: undefined;
}

export type MilestoneChange = MilestoneReading & { previous: MilestoneReading; previousValue?: undefined };

export type ReadingChange = NumericChange | MilestoneChange;

export function changeOf(previous: Reading, next: Reading): ReadingChange {
  if (previous.state === undefined && next.state === undefined) return { previousValue: previous.value, value: next.value };
  if (previous.state !== undefined && next.state !== undefined) return { ...readingOf(next), previous: readingOf(previous) };
  // A target's kind never changes (a revision keeps it), so neither does the kind of its reports' readings.
  throw new Error('A correction cannot change a figure into a state or a state into a figure');
}

export function readingBefore(change: ReadingChange): Reading {
  return change.previous === undefined ? { value: change.previousValue } : readingOf(change.previous);
}

export function readingAfter(change: ReadingChange): Reading {
  return change.state === undefined ? { value: change.value } : readingOf(change);
}
