/**
 * Who may do what. A missing role is a 403 (the caller can never do this); reporting for an
 * indicator another unit is responsible for is a 422 business rule (it depends on the indicator's
 * current state and changes with a reassignment).
 */
import { BusinessRuleError, ForbiddenError } from '../../shared/errors';
import type { Actor, Role } from '../../shared/messages';
import type { RegisteredIndicator } from './state';

export function requireAnyRole(actor: Actor, allowed: readonly Role[], action: string): void {
  if (!actor.roles.some((role) => allowed.includes(role))) {
    throw new ForbiddenError('ROLE_NOT_ALLOWED', `Only ${allowed.join(' or ')} may ${action}`, {
      requiredRoles: allowed,
      actorRoles: actor.roles,
    });
  }
}

/** Reports and corrections: the coordinator for anyone, a reporter only for their own unit's indicators. */
export function requireReportingRight(actor: Actor, indicator: RegisteredIndicator): void {
  requireAnyRole(actor, ['reporter', 'coordinator'], 'report progress');
  if (actor.roles.includes('coordinator')) return;
  if (actor.unitId !== indicator.responsibleUnitId) {
    throw new BusinessRuleError(
      'NOT_RESPONSIBLE_UNIT',
      `Unit ${actor.unitId ?? '(none)'} is not responsible for ${indicator.indicatorId}; ${indicator.responsibleUnitId} is`,
      { actorUnitId: actor.unitId, responsibleUnitId: indicator.responsibleUnitId },
    );
  }
}
