/**
 * The `units` read model: what `GET /units` and `GET /units/{id}` answer. Shapes live in
 * ./units/document.ts, the fold in ./units/evolve.ts.
 */
import type { RecordedLedgerEvent } from '../src/domain/events';
import type { ProjectionDefinition } from './projection';
import { UnhandledEventError } from './unhandled-event';
import type { UnitDocument } from './units/document';
import { UNITS_PROJECTION_EVENT_TYPES, evolveUnit, isUnitsProjectionEvent, unitIdsOf } from './units/evolve';

export type { UnitDocument, UnitNameSpan } from './units/document';
export { UNREGISTERED_REVISION } from './units/document';
export { UnitNotRegisteredError } from './units/evolve';

export const UNITS_COLLECTION = 'units';

export const unitsProjection: ProjectionDefinition<UnitDocument> = {
  collection: UNITS_COLLECTION,
  handles: UNITS_PROJECTION_EVENT_TYPES,
  indexes: [
    { key: { active: 1 }, name: 'active_1' },
    { key: { responsibleFor: 1 }, name: 'responsibleFor_1' },
  ],
  documentIds: (event) => (isUnitsProjectionEvent(event) ? unitIdsOf(event) : []),
  evolve: (current, event, documentId) => {
    if (!isUnitsProjectionEvent(event)) return unchanged(current, event);
    return evolveUnit(current, event, documentId);
  },
};

/** The runner only passes handled events; anything else changes nothing, and cannot create a document. */
function unchanged(current: UnitDocument | null, event: RecordedLedgerEvent): UnitDocument {
  if (!current) throw new UnhandledEventError(UNITS_COLLECTION, event.type, event.position);
  return current;
}
