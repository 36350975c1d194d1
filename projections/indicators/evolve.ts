/**
 * How each indicator event changes the `indicators` document. Every branch returns a new document
 * (the input is never mutated), so the same fold serves the runner, rebuilds and as-of replays.
 */
import type {
  IndicatorAssessed,
  IndicatorRegistered,
  ProgressReportCorrected,
  ProgressReported,
  ResponsibilityReassigned,
  TargetRevised,
} from '../../src/domain/indicator/events';
import { isLater } from '../../src/domain/indicator/latest-figures';
import { readingAfter, type Reading } from '../../src/domain/indicator/reading';
import { readingView } from '../reading-views';
import { assertNever } from '../../src/domain/indicator/target';
import type { RecordedEvent } from '../../src/shared/messages';
import type { RecordedIndicatorEvent } from '../indicator-event';
import type { IndicatorDocument, IndicatorFigure, IndicatorTargetView } from './document';
import { queryAnswered, queryClosed, queryRaised } from './open-queries';
import { standingOf, summarizeStatuses, targetView, withStandings, worstStatus } from './targets';

/** An indicator event arrived for an indicator whose registration was never applied. */
export class IndicatorNotRegisteredError extends Error {
  constructor(
    readonly indicatorId: string,
    readonly eventType: string,
    readonly position: number,
  ) {
    super(`Indicator ${indicatorId} has no document yet: ${eventType} at position ${position} precedes its registration`);
    this.name = new.target.name;
  }
}

export function evolveIndicator(current: IndicatorDocument | null, event: RecordedIndicatorEvent): IndicatorDocument {
  if (current && event.position <= current.lastPosition) return current;
  if (event.type === 'IndicatorRegistered') return registered(event);
  if (!current) throw new IndicatorNotRegisteredError(event.data.indicatorId, event.type, event.position);
  // Reports and corrections, nearly every event, build their document in one copy, stamp included.
  if (event.type === 'ProgressReported') return reported(current, event);
  if (event.type === 'ProgressReportCorrected') return corrected(current, event);
  const next = applyChange(current, event);
  return { ...next, ...stampOf(event) };
}

/** What every event sets on the document it changes. */
function stampOf(event: RecordedIndicatorEvent): Pick<IndicatorDocument, 'revision' | 'updatedAt' | 'lastPosition'> {
  return { revision: event.revision, updatedAt: event.metadata.recordedAt, lastPosition: event.position };
}

function applyChange(current: IndicatorDocument, event: RecordedIndicatorEvent): IndicatorDocument {
  switch (event.type) {
    case 'IndicatorRegistered':
      // A second registration of the same stream cannot be decided; keep what the first one said.
      return current;
    // Taken by evolveIndicator before applyChange; these build their document stamped already.
    case 'ProgressReported':
      return reported(current, event);
    case 'ProgressReportCorrected':
      return corrected(current, event);
    case 'ResponsibilityReassigned':
      return reassigned(current, event);
    case 'TargetRevised':
      return revised(current, event);
    case 'IndicatorAssessed':
      return assessed(current, event);
    case 'ReportQueried':
      return queryRaised(current, event);
    case 'ReportQueryAnswered':
      return queryAnswered(current, event);
    case 'ReportQueryClosed':
      return queryClosed(current, event);
    default:
      return assertNever(event);
  }
}

function registered(event: RecordedEvent<IndicatorRegistered>): IndicatorDocument {
  const { data } = event;
  return withTargets(
    {
      _id: data.indicatorId,
      id: data.indicatorId,
      resolutionId: data.resolutionId,
      year: data.year,
      number: data.number ?? null,
      kind: data.kind,
      group: data.group,
      section: data.section,
      name: data.name,
      responsibleUnitId: data.responsibleUnitId,
      responsibilityAssumed: data.responsibilityAssumed ?? false,
      supportsIndicators: data.supportsIndicators ? [...data.supportsIndicators] : [],
      revision: event.revision,
      registeredAt: event.metadata.recordedAt,
      updatedAt: event.metadata.recordedAt,
      targets: [],
      latestFigures: [],
      counts: { reports: 0, corrections: 0, revisions: 0, reassignments: 0, queries: 0 },
      statusSummary: summarizeStatuses([]),
      worstStatus: 'no_data',
      assessment: null,
      closed: false,
      openQueries: [],
      openQueryCount: 0,
      lastPosition: event.position,
    },
    data.targets.map(targetView),
    [],
  );
}

function reported(current: IndicatorDocument, event: RecordedEvent<ProgressReported>): IndicatorDocument {
  const { data } = event;
  const figure: IndicatorFigure = {
    reportId: data.reportId,
    metric: data.metric,
    period: data.period,
    ...figureFields(data),
    recordedAt: event.metadata.recordedAt,
  };
  const counts = { ...current.counts, reports: current.counts.reports + 1 };
  return withLatestFigures(current, counts, latestFiguresWith(current.latestFigures, figure), data.metric, event);
}

function corrected(current: IndicatorDocument, event: RecordedEvent<ProgressReportCorrected>): IndicatorDocument {
  const { data } = event;
  const counts = { ...current.counts, corrections: current.counts.corrections + 1 };
  const index = current.latestFigures.findIndex((figure) => figure.metric === data.metric);
  if (index < 0) {
    // The decider only corrects existing reports; should one be missing (a truncated stream), the
    // correction still carries everything a figure needs, so keep it rather than lose the value.
    const figure = { reportId: data.reportId, metric: data.metric, period: data.period, ...figureFields(readingAfter(data)), recordedAt: event.metadata.recordedAt };
    return withLatestFigures(current, counts, [...current.latestFigures, figure], data.metric, event);
  }
  const latest = current.latestFigures[index];
  // A correction changes a value, never a period or a recording time, so it never changes which
  // report is a metric's latest: correcting an earlier report changes no standing.
  if (latest.reportId !== data.reportId) return withLatestFigures(current, counts, current.latestFigures, data.metric, event);
  return withLatestFigures(current, counts, replacedAt(current.latestFigures, index, { ...latest, ...figureFields(readingAfter(data)) }), data.metric, event);
}

/** A reading as a stored figure holds it: a value, or a state and completion day (the narrative is in `progress_reports`). */
function figureFields(reading: Reading): Pick<IndicatorFigure, 'value' | 'state' | 'completedOn'> {
  const { value, state, completedOn } = readingView(reading);
  return { value, state, completedOn };
}

/**
 * The latest figures once `figure` is reported: it becomes its metric's latest figure when it
 * outranks the present one by the domain's rule (or restates that very report), else nothing
 * changes and the same array is returned.
 */
function latestFiguresWith(latestFigures: IndicatorFigure[], figure: IndicatorFigure): IndicatorFigure[] {
  const index = latestFigures.findIndex((existing) => existing.metric === figure.metric);
  if (index < 0) return [...latestFigures, figure];
  const present = latestFigures[index];
  // A report id is used once; should it come again, its new figure replaces the old one.
  if (present.reportId !== figure.reportId && !isLater(figure, present)) return latestFigures;
  return replacedAt(latestFigures, index, figure);
}

function replacedAt<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

function reassigned(current: IndicatorDocument, event: RecordedEvent<ResponsibilityReassigned>): IndicatorDocument {
  return {
    ...current,
    responsibleUnitId: event.data.toUnitId,
    // The unit is now named by a decision, no longer the seed's guess.
    responsibilityAssumed: false,
    counts: { ...current.counts, reassignments: current.counts.reassignments + 1 },
  };
}

function revised(current: IndicatorDocument, event: RecordedEvent<TargetRevised>): IndicatorDocument {
  const revisedTarget = targetView(event.data.after);
  const exists = current.targets.some((target) => target.metric === event.data.metric);
  const targets = exists
    ? current.targets.map((target) => (target.metric === event.data.metric ? revisedTarget : target))
    : [...current.targets, revisedTarget];
  return withTargets(
    { ...current, counts: { ...current.counts, revisions: current.counts.revisions + 1 } },
    targets,
    current.latestFigures,
  );
}

function assessed(current: IndicatorDocument, event: RecordedEvent<IndicatorAssessed>): IndicatorDocument {
  const { data } = event;
  return {
    ...current,
    assessment: {
      outcome: data.outcome,
      conclusion: data.conclusion,
      decisionRef: data.decisionRef,
      assessedAt: event.metadata.recordedAt,
      targets: data.targets.map((target) => ({ ...target, latestState: target.latestState ?? null })),
    },
    closed: true,
  };
}

/**
 * The document after `event` counted, and maybe changed the latest figure of, one metric: only
 * that metric's targets can change standing (a target's standing depends on its own metric's
 * latest figure alone), and only when that figure changed, so the others are kept as they are
 * instead of being recomputed on every report; `withTargets` would give the same document. One
 * copy of the document, stamp included.
 */
function withLatestFigures(
  document: IndicatorDocument,
  counts: IndicatorDocument['counts'],
  latestFigures: IndicatorFigure[],
  metric: string,
  event: RecordedIndicatorEvent,
): IndicatorDocument {
  const { revision, position: lastPosition } = event;
  const updatedAt = event.metadata.recordedAt;
  if (latestFigures === document.latestFigures) return { ...document, counts, revision, updatedAt, lastPosition };
  const targets = document.targets.map((target) => (target.metric === metric ? standingOf(target, latestFigures) : target));
  const statusSummary = summarizeStatuses(targets);
  return { ...document, counts, targets, latestFigures, statusSummary, worstStatus: worstStatus(targets), revision, updatedAt, lastPosition };
}

/** Sets targets and latest figures and everything derived from them, so the derived fields never drift. */
function withTargets(
  document: IndicatorDocument,
  targets: readonly IndicatorTargetView[],
  latestFigures: IndicatorFigure[],
): IndicatorDocument {
  const standing = withStandings(targets, latestFigures);
  return {
    ...document,
    targets: standing,
    latestFigures,
    statusSummary: summarizeStatuses(standing),
    worstStatus: worstStatus(standing),
  };
}
