/** The unit decider: registering, renaming and deactivating the bodies indicators are assigned to. */
import { BusinessRuleError, NotFoundError } from '../../shared/errors';
import type { Actor } from '../../shared/messages';
import { requireAnyRole } from '../indicator/authorization';
import { requireText } from '../indicator/decisions/common';
import { assertNever } from '../indicator/target';
import type { UnitEvent, UnitRegistered } from './events';

interface RegisteredUnit {
  status: 'active' | 'inactive';
  unitId: string;
  name: string;
}

export type UnitState = { status: 'unregistered' } | RegisteredUnit;

export type UnitCommand =
  | { type: 'RegisterUnit'; data: UnitRegistered['data']; context: { actor: Actor } }
  | { type: 'RenameUnit'; data: { unitId: string; name: string; reason: string }; context: { actor: Actor } }
  | { type: 'DeactivateUnit'; data: { unitId: string; reason: string; decisionRef: string }; context: { actor: Actor } };

export const initialUnitState = (): UnitState => ({ status: 'unregistered' });

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'UnitRegistered':
      return { status: 'active', unitId: event.data.unitId, name: event.data.name };
    case 'UnitRenamed':
      return state.status === 'unregistered' ? state : { ...state, name: event.data.name };
    case 'UnitDeactivated':
      return state.status === 'unregistered' ? state : { ...state, status: 'inactive' };
    default:
      return assertNever(event);
  }
}

export function foldUnit(events: readonly UnitEvent[]): UnitState {
  return events.reduce(evolveUnit, initialUnitState());
}

export function decideUnit(command: UnitCommand, state: UnitState): UnitEvent[] {
  requireAnyRole(command.context.actor, ['coordinator', 'standing_committee'], 'manage units');
  switch (command.type) {
    case 'RegisterUnit': {
      if (state.status !== 'unregistered') {
        throw new BusinessRuleError('UNIT_ALREADY_REGISTERED', `Unit ${command.data.unitId} already exists`);
      }
      const name = requireText(command.data.name, 'NAME_REQUIRED', 'The unit name');
      return [{ type: 'UnitRegistered', data: { ...command.data, name } }];
    }
    case 'RenameUnit': {
      const unit = requireActive(state, command.data.unitId);
      const name = requireText(command.data.name, 'NAME_REQUIRED', 'The new name');
      const reason = requireText(command.data.reason, 'REASON_REQUIRED', 'A reason for the renaming');
      if (name === unit.name) throw new BusinessRuleError('NAME_UNCHANGED', `Unit ${unit.unitId} is already called ${name}`);
      return [{ type: 'UnitRenamed', data: { unitId: unit.unitId, previousName: unit.name, name, reason } }];
    }
    case 'DeactivateUnit': {
      const unit = requireActive(state, command.data.unitId);
      const reason = requireText(command.data.reason, 'REASON_REQUIRED', 'A reason for the deactivation');
      const decisionRef = requireText(command.data.decisionRef, 'DECISION_REF_REQUIRED', 'The decision reference');
      return [{ type: 'UnitDeactivated', data: { unitId: unit.unitId, reason, decisionRef } }];
    }
    default:
      return assertNever(command);
  }
}

function requireActive(state: UnitState, unitId: string): RegisteredUnit {
  if (state.status === 'unregistered') throw new NotFoundError('UNIT_NOT_FOUND', `Unit ${unitId} does not exist`, { unitId });
  if (state.status === 'inactive') throw new BusinessRuleError('UNIT_INACTIVE', `Unit ${unitId} is deactivated`, { unitId });
  return state;
}
