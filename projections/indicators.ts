/**
 * The `indicators` read model: what `GET /indicators` lists and filters, one document per indicator
 * or task. Shapes live in ./indicators/document.ts, the fold in ./indicators/evolve.ts.
 */
import type { RecordedLedgerEvent } from '../src/domain/events';
import { INDICATOR_EVENT_TYPES } from '../src/domain/indicator/events';
import { isIndicatorEvent } from './indicator-event';
import type { IndicatorDocument } from './indicators/document';
import { evolveIndicator } from './indicators/evolve';
import type { ProjectionDefinition } from './projection';

export type {
  IndicatorActivityCounts,
  IndicatorAssessmentView,
  IndicatorDocument,
  IndicatorFigure,
  IndicatorTargetView,
  OpenQueryView,
  StatusSummary,
} from './indicators/document';
export { IndicatorNotRegisteredError } from './indicators/evolve';
export { STATUS_SEVERITY } from './indicators/targets';

export const INDICATORS_COLLECTION = 'indicators';

export const indicatorsProjection: ProjectionDefinition<IndicatorDocument> = {
  collection: INDICATORS_COLLECTION,
  handles: INDICATOR_EVENT_TYPES,
  indexes: [
    { key: { group: 1 }, name: 'group_1' },
    { key: { kind: 1 }, name: 'kind_1' },
    { key: { responsibleUnitId: 1 }, name: 'responsibleUnitId_1' },
    { key: { 'targets.status': 1 }, name: 'targets.status_1' },
    { key: { number: 1 }, name: 'number_1' },
  ],
  documentIds: (event) => (isIndicatorEvent(event) ? [event.data.indicatorId] : []),
  evolve: (current, event) => {
    if (!isIndicatorEvent(event)) return requireDocument(current, event);
    return evolveIndicator(current, event);
  },
};

/**
 * The indicator as one stream's events make it, folded without a store from `from` (nothing by
 * default): the as-of query passes the events up to the requested moment, a slice at a time. Null
 * when no registration is among them.
 */
export function indicatorViewFromEvents(events: readonly RecordedLedgerEvent[], from: IndicatorDocument | null = null): IndicatorDocument | null {
  let document = from;
  for (const event of events) {
    if (isIndicatorEvent(event)) document = evolveIndicator(document, event);
  }
  return document;
}

/** Events of other streams never reach this projection through the runner; if one does, nothing changes. */
function requireDocument(current: IndicatorDocument | null, event: RecordedLedgerEvent): IndicatorDocument {
  if (!current) throw new Error(`The indicators projection does not handle ${event.type}`);
  return current;
}
