/**
 * The `indicator_history` read model: the audit timeline behind `GET /indicators/{id}/history`,
 * one document per indicator event. Shapes in ./indicator-history/document.ts; the Vietnamese
 * summaries in ./indicator-history/summary.ts are reusable by exports.
 */
import { INDICATOR_EVENT_TYPES } from '../src/domain/indicator/events';
import { isIndicatorEvent } from './indicator-event';
import type { IndicatorHistoryEntry } from './indicator-history/document';
import { entryIdOf } from './event-entry-id';
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

export const INDICATOR_HISTORY_COLLECTION = 'indicator_history';

export const indicatorHistoryProjection: ProjectionDefinition<IndicatorHistoryEntry> = {
  collection: INDICATOR_HISTORY_COLLECTION,
  writeOnce: true,
  handles: INDICATOR_EVENT_TYPES,
  indexes: [
    { key: { indicatorId: 1, revision: 1 }, name: 'indicatorId_1_revision_1', unique: true },
    { key: { recordedAt: 1 }, name: 'recordedAt_1' },
    { key: { type: 1 }, name: 'type_1' },
    { key: { 'actor.id': 1 }, name: 'actor.id_1' },
    { key: { 'actor.unitId': 1 }, name: 'actor.unitId_1' },
  ],
  documentIds: (event) => (isIndicatorEvent(event) ? [entryIdOf(event)] : []),
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
