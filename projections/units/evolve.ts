/**
 * How each event changes a `units` document. Unit stream events describe the unit itself; two
 * indicator events move responsibility: a registration gives the indicator to its unit, a
 * reassignment takes it from one unit and gives it to another (so it touches two documents).
 * Every branch returns a new document; the input is never mutated.
 */
import type { IndicatorRegistered, ResponsibilityReassigned } from '../../src/domain/indicator/events';
import { assertNever } from '../../src/domain/indicator/target';
import type { UnitDeactivated, UnitEvent, UnitRegistered, UnitRenamed } from '../../src/domain/unit/events';
import type { RecordedEvent } from '../../src/shared/messages';
import { eventTypeGuard } from '../event-type-guard';
import { withSortedId, withoutSortedId } from '../sorted-ids';
import { UNREGISTERED_REVISION, type UnitDocument } from './document';

export type UnitsProjectionEvent = RecordedEvent<UnitEvent | IndicatorRegistered | ResponsibilityReassigned>;

export const UNITS_PROJECTION_EVENT_TYPES = [
  'UnitRegistered',
  'UnitRenamed',
  'UnitDeactivated',
  'IndicatorRegistered',
  'ResponsibilityReassigned',
] as const satisfies readonly UnitsProjectionEvent['type'][];

export const isUnitsProjectionEvent = eventTypeGuard(UNITS_PROJECTION_EVENT_TYPES);

/** A rename or deactivation reached a unit whose registration was never applied: the events are out of order. */
export class UnitNotRegisteredError extends Error {
  readonly code = 'UNIT_NOT_REGISTERED';

  constructor(
    readonly unitId: string,
    readonly eventType: string,
    readonly position: number,
  ) {
    super(`Unit ${unitId} is not registered: ${eventType} at position ${position} precedes its registration`);
    this.name = new.target.name;
  }
}

/** The units whose documents the event changes. */
export function unitIdsOf(event: UnitsProjectionEvent): string[] {
  switch (event.type) {
    case 'UnitRegistered':
    case 'UnitRenamed':
    case 'UnitDeactivated':
      return [event.data.unitId];
    case 'IndicatorRegistered':
      return [event.data.responsibleUnitId];
    case 'ResponsibilityReassigned':
      return [...new Set([event.data.fromUnitId, event.data.toUnitId])];
    default:
      return assertNever(event);
  }
}

export function evolveUnit(current: UnitDocument | null, event: UnitsProjectionEvent, unitId: string): UnitDocument {
  if (current && event.position <= current.lastPosition) return current;
  const changed = applyChange(current, event, unitId);
  return { ...changed, updatedAt: event.metadata.recordedAt, lastPosition: event.position };
}

function applyChange(current: UnitDocument | null, event: UnitsProjectionEvent, unitId: string): UnitDocument {
  switch (event.type) {
    case 'UnitRegistered':
      return registered(current, event);
    case 'UnitRenamed':
      return renamed(requireRegistered(current, event), event);
    case 'UnitDeactivated':
      return deactivated(requireRegistered(current, event), event);
    case 'IndicatorRegistered':
      return withResponsibility(current ?? placeholder(unitId, event), event.data.indicatorId, true);
    case 'ResponsibilityReassigned':
      return reassigned(current ?? placeholder(unitId, event), event, unitId);
    default:
      return assertNever(event);
  }
}

/** A unit named by an indicator before its own registration was applied; the registration fills it in. */
function placeholder(unitId: string, event: UnitsProjectionEvent): UnitDocument {
  return {
    _id: unitId,
    unitId,
    name: null,
    shortName: null,
    namedInResolution: null,
    active: true,
    deactivatedReason: null,
    deactivationDecisionRef: null,
    deactivatedAt: null,
    names: [],
    responsibleFor: [],
    revision: UNREGISTERED_REVISION,
    registeredAt: null,
    updatedAt: event.metadata.recordedAt,
    lastPosition: event.position,
  };
}

function registered(current: UnitDocument | null, event: RecordedEvent<UnitRegistered>): UnitDocument {
  // A unit stream cannot be registered twice; if it were, the first registration stands.
  if (current && current.revision !== UNREGISTERED_REVISION) return current;
  const { data } = event;
  const base = current ?? placeholder(data.unitId, event);
  return {
    ...base,
    name: data.name,
    shortName: data.shortName ?? null,
    namedInResolution: data.namedInResolution,
    names: [{ name: data.name, from: event.metadata.recordedAt }],
    revision: event.revision,
    registeredAt: event.metadata.recordedAt,
  };
}

function renamed(current: UnitDocument, event: RecordedEvent<UnitRenamed>): UnitDocument {
  return {
    ...current,
    name: event.data.name,
    names: [...current.names, { name: event.data.name, from: event.metadata.recordedAt }],
    revision: event.revision,
  };
}

function deactivated(current: UnitDocument, event: RecordedEvent<UnitDeactivated>): UnitDocument {
  return {
    ...current,
    active: false,
    deactivatedReason: event.data.reason,
    deactivationDecisionRef: event.data.decisionRef,
    deactivatedAt: event.metadata.recordedAt,
    revision: event.revision,
  };
}

function reassigned(current: UnitDocument, event: RecordedEvent<ResponsibilityReassigned>, unitId: string): UnitDocument {
  const { fromUnitId, toUnitId, indicatorId } = event.data;
  if (unitId === toUnitId) return withResponsibility(current, indicatorId, true);
  if (unitId === fromUnitId) return withResponsibility(current, indicatorId, false);
  return current;
}

/** The indicator added to or removed from the unit's list, kept sorted and free of duplicates. */
function withResponsibility(current: UnitDocument, indicatorId: string, responsible: boolean): UnitDocument {
  const responsibleFor = responsible ? withSortedId(current.responsibleFor, indicatorId) : withoutSortedId(current.responsibleFor, indicatorId);
  return { ...current, responsibleFor };
}

function requireRegistered(current: UnitDocument | null, event: RecordedEvent<UnitRenamed | UnitDeactivated>): UnitDocument {
  if (!current || current.revision === UNREGISTERED_REVISION) {
    throw new UnitNotRegisteredError(event.data.unitId, event.type, event.position);
  }
  return current;
}
