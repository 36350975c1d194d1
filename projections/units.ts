/**
 * The `units` read model: what `GET /units` and `GET /units/{id}` answer. Shapes live in
 * ./units/document.ts, the fold in ./units/evolve.ts.
 */
import type { RecordedLedgerEvent } from '../src/domain/events';
import type { ProjectionDefinition } from './projection';
import { UnhandledEventError } from './unhandled-event';
import type { UnitDocument } from './units/document';
import { evolveUnit, isUnitsProjectionEvent, unitIdsOf } from './units/evolve';

export type { UnitDocument, UnitNameSpan } from './units/document';
export { UNREGISTERED_REVISION } from './units/document';
export { UnitNotRegisteredError } from './units/evolve';

export const UNITS_READ_MODEL = 'units';

export const unitsProjection: ProjectionDefinition<UnitDocument> = {
  name: UNITS_READ_MODEL,
  version: 1,
  events: {
    ResolutionRegistered: 'ignore',
    UnitRegistered: 'handle',
    UnitRenamed: 'handle',
    UnitDeactivated: 'handle',
    IndicatorRegistered: 'handle',
    ProgressReported: 'ignore',
    ProgressReportCorrected: 'ignore',
    ResponsibilityReassigned: 'handle',
    TargetRevised: 'ignore',
    IndicatorAssessed: 'ignore',
    ReportQueried: 'ignore',
    ReportQueryAnswered: 'ignore',
    ReportQueryClosed: 'ignore',
    ReviewApproved: 'ignore',
  },
  fields: {
    active: { path: 'active', type: 'boolean' },
  },
  indexes: [{ name: 'active', fields: ['active'] }],
  documentIds: (event) => (isUnitsProjectionEvent(event) ? unitIdsOf(event) : []),
  evolve: (current, event, documentId) => {
    if (!isUnitsProjectionEvent(event)) return unchanged(current, event);
    return evolveUnit(current, event, documentId);
  },
};

/** The runner only passes handled events; anything else changes nothing, and cannot create a document. */
function unchanged(current: UnitDocument | null, event: RecordedLedgerEvent): UnitDocument {
  if (!current) throw new UnhandledEventError(UNITS_READ_MODEL, event.type, event.position);
  return current;
}
