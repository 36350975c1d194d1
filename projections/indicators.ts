/**
 * The `indicators` read model: what `GET /indicators` lists and filters, one document per indicator
 * or task. Shapes live in ./indicators/document.ts, the fold in ./indicators/evolve.ts.
 */
import type { RecordedLedgerEvent } from '../src/domain/events';
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

export const INDICATORS_READ_MODEL = 'indicators';

export const indicatorsProjection: ProjectionDefinition<IndicatorDocument> = {
  name: INDICATORS_READ_MODEL,
  version: 1,
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
    kind: { path: 'kind', type: 'text' },
    number: { path: 'number', type: 'integer' },
    section: { path: 'section', type: 'text' },
    group: { path: 'group', type: 'text' },
    responsibleUnitId: { path: 'responsibleUnitId', type: 'text' },
    status: { path: 'targets.status', type: 'text', many: true },
  },
  indexes: [
    // The list's order: key indicators by number, then tasks by section.
    { name: 'list_order', fields: ['kind', 'number', 'section', '_id'] },
    { name: 'group', fields: ['group'] },
    { name: 'responsible_unit', fields: ['responsibleUnitId'] },
    { name: 'status', fields: ['status'] },
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
