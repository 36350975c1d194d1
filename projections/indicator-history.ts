/**
 * The `indicator_history` read model: the audit timeline behind `GET /indicators/{id}/history`,
 * one document per indicator event. Shapes in ./indicator-history/document.ts; the Vietnamese
 * summaries in ./indicator-history/summary.ts are reusable by exports.
 */
import { isIndicatorEvent } from './indicator-event';
import type { IndicatorHistoryEntry } from './indicator-history/document';
import { eventEntryId } from './event-entry-id';
import { historyEntry } from './indicator-history/entry';
import type { ProjectionDefinition } from './projection';

export type {
  AssessmentSnapshot,
  FigureSnapshot,
  GoalSnapshot,
  HistorySnapshot,
  IndicatorHistoryEntry,
  RegistrationSnapshot,
  ResponsibilitySnapshot,
} from './indicator-history/document';
export { localDate } from './indicator-history/entry';
export { formatGoal } from './indicator-history/goal-text';
export { ASSESSMENT_OUTCOME_LABELS, milestoneStateText, summarizeIndicatorEvent, type SummaryContext } from './indicator-history/summary';

export const INDICATOR_HISTORY_READ_MODEL = 'indicator_history';

export const indicatorHistoryProjection: ProjectionDefinition<IndicatorHistoryEntry> = {
  name: INDICATOR_HISTORY_READ_MODEL,
  version: 1,
  writeOnce: true,
  events: {
    ResolutionRegistered: 'ignore',
    UnitRegistered: 'ignore',
    UnitRenamed: 'ignore',
    UnitDeactivated: 'ignore',
    IndicatorRegistered: 'handle',
    ProgressReported: 'handle',
    ProgressReportCorrected: 'handle',
    ResponsibilityReassigned: 'handle',
    TargetRevised: 'handle',
    IndicatorAssessed: 'handle',
    ReportQueried: 'handle',
    ReportQueryAnswered: 'handle',
    ReportQueryClosed: 'handle',
    ReviewApproved: 'ignore',
  },
  fields: {
    indicatorId: { path: 'indicatorId', type: 'text' },
    revision: { path: 'revision', type: 'integer' },
    position: { path: 'position', type: 'integer' },
    recordedAt: { path: 'recordedAt', type: 'text' },
    type: { path: 'type', type: 'text' },
    actorId: { path: 'actor.id', type: 'text' },
    actorUnitId: { path: 'actor.unitId', type: 'text' },
  },
  indexes: [
    // Every history query names its indicator: one index serves its filters, its order and its count.
    { name: 'indicator_revision', fields: ['indicatorId', 'revision'], unique: true },
  ],
  documentIds: (event) => (isIndicatorEvent(event) ? [eventEntryId(event.streamId, event.revision)] : []),
  evolve: (current, event) => {
    // An entry is written once per event; a replay of that event or an older one leaves it as it is.
    if (current && event.position <= current.lastPosition) return current;
    if (!isIndicatorEvent(event)) {
      if (current) return current;
      throw new Error(`The indicator_history projection does not handle ${event.type}`);
    }
    return historyEntry(event);
  },
};
