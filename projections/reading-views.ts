/**
 * A report's reading as the read models store it, flat and with every field present (null where
 * the reading has nothing): a numeric report has `value`, a milestone report `state`, `narrative`
 * and, when completed, `completedOn`. Flat fields let analysts filter reports by state as they
 * filter them by period.
 */
import { readingAfter, readingBefore, type MilestoneState, type Reading, type ReadingChange } from '../src/domain/indicator/reading';

export interface ReadingView {
  value: number | null;
  state: MilestoneState | null;
  narrative: string | null;
  completedOn: string | null;
}

/** A correction: the reading before it and after it, side by side. */
export interface ChangeView extends ReadingView {
  previousValue: number | null;
  previousState: MilestoneState | null;
  previousNarrative: string | null;
  previousCompletedOn: string | null;
}

export function readingView(reading: Reading): ReadingView {
  if (reading.state === undefined) return { value: reading.value, state: null, narrative: null, completedOn: null };
  return { value: null, state: reading.state, narrative: reading.narrative, completedOn: reading.completedOn ?? null };
}

export function changeView(change: ReadingChange): ChangeView {
  const before = readingView(readingBefore(change));
  return {
    previousValue: before.value,
    previousState: before.state,
    previousNarrative: before.narrative,
    previousCompletedOn: before.completedOn,
    ...readingView(readingAfter(change)),
  };
}
