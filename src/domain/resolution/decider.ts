/** The resolution decider: a resolution is registered once and frames its indicators' year. */
import { BusinessRuleError } from '../../shared/errors';
import type { Actor } from '../../shared/messages';
import { requireAnyRole } from '../indicator/authorization';
import type { ResolutionEvent, ResolutionRegistered } from './events';

export type ResolutionState = { status: 'unregistered' } | { status: 'registered'; resolutionId: string; year: number };

export type RegisterResolution = { type: 'RegisterResolution'; data: ResolutionRegistered['data']; context: { actor: Actor } };

export const initialResolutionState = (): ResolutionState => ({ status: 'unregistered' });

export function evolveResolution(_state: ResolutionState, event: ResolutionEvent): ResolutionState {
  return { status: 'registered', resolutionId: event.data.resolutionId, year: event.data.year };
}

export function foldResolution(events: readonly ResolutionEvent[]): ResolutionState {
  return events.reduce(evolveResolution, initialResolutionState());
}

export function decideResolution(command: RegisterResolution, state: ResolutionState): ResolutionEvent[] {
  requireAnyRole(command.context.actor, ['coordinator', 'standing_committee'], 'register resolutions');
  if (state.status === 'registered') {
    throw new BusinessRuleError('RESOLUTION_ALREADY_REGISTERED', `Resolution ${command.data.resolutionId} already exists`);
  }
  const { year } = command.data;
  if (!Number.isInteger(year) || year < 1930 || year > 2100) {
    throw new BusinessRuleError('INVALID_YEAR', `Year ${year} is not a plausible resolution year`);
  }
  return [{ type: 'ResolutionRegistered', data: command.data }];
}
