/** The before/after values the audit timeline shows for each kind of event. */
import type { IndicatorEvent } from '../../src/domain/indicator/events';
import { readingAfter, readingBefore, readingOf, type Reading } from '../../src/domain/indicator/reading';
import { assertNever, type Target } from '../../src/domain/indicator/target';
import type { FigureSnapshot, GoalSnapshot, HistorySnapshot, MilestoneSnapshot } from './document';

export function goalSnapshot(target: Target): GoalSnapshot {
  return {
    comparator: target.comparator ?? null,
    value: target.value ?? null,
    min: target.min ?? null,
    max: target.max ?? null,
    dueDate: target.dueDate ?? null,
  };
}

export function beforeAndAfter(event: IndicatorEvent): { before: HistorySnapshot | null; after: HistorySnapshot | null } {
  switch (event.type) {
    case 'IndicatorRegistered':
      return {
        before: null,
        after: {
          responsibleUnitId: event.data.responsibleUnitId,
          targets: event.data.targets.map((target) => ({ metric: target.metric, unit: target.unit ?? null, ...goalSnapshot(target) })),
        },
      };
    case 'ProgressReported':
      return { before: null, after: readingSnapshot(readingOf(event.data)) };
    case 'ProgressReportCorrected':
      return { before: readingSnapshot(readingBefore(event.data)), after: readingSnapshot(readingAfter(event.data)) };
    case 'ResponsibilityReassigned':
      return { before: { responsibleUnitId: event.data.fromUnitId }, after: { responsibleUnitId: event.data.toUnitId } };
    case 'TargetRevised':
      return { before: goalSnapshot(event.data.before), after: goalSnapshot(event.data.after) };
    case 'IndicatorAssessed':
      return {
        before: null,
        after: {
          outcome: event.data.outcome,
          conclusion: event.data.conclusion,
          targets: event.data.targets.map((target) => ({ ...target })),
        },
      };
    case 'ReportQueried':
      return { before: null, after: { queryStatus: 'open' } };
    case 'ReportQueryAnswered':
      // Answers may follow answers; the event does not say which came before, so neither does the timeline.
      return { before: null, after: { queryStatus: 'answered' } };
    case 'ReportQueryClosed':
      // Only an answered query can be closed.
      return { before: { queryStatus: 'answered' }, after: { queryStatus: 'closed' } };
    default:
      return assertNever(event);
  }
}

/** A report's reading as the timeline shows it: the figure, or the milestone's state, narrative and completion day. */
export function readingSnapshot(reading: Reading): FigureSnapshot | MilestoneSnapshot {
  if (reading.state === undefined) return { value: reading.value };
  return { state: reading.state, narrative: reading.narrative, completedOn: reading.completedOn ?? null };
}
