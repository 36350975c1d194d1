/**
 * Who may read the cross-ledger audit endpoints (`/audit/digest…`, `/audit/events`).
 *
 * - `inspector`: the inspection committee; the audit trail exists for them.
 * - `standing_committee`: the body the committee answers to, and the one that signs off assessments.
 * - `analyst`: reads everything for reports; a digest or the global log reveals nothing an analyst
 *   cannot already read indicator by indicator.
 *
 * Not `reporter` (a department's backend service sees its indicators' history, not every unit's
 * activity) and not `coordinator` (it administers units and reassignments: its own actions are
 * what the audit checks, and it needs none of this to do its job). Least privilege; widening it is
 * one line here. A single indicator's integrity check stays open to every key, like its history:
 * anyone who may read an indicator may check that its record is intact.
 */
import { ForbiddenError } from '../shared/errors';
import type { Actor, Role } from '../shared/messages';

export const AUDIT_READER_ROLES: readonly Role[] = ['inspector', 'standing_committee', 'analyst'];

export function requireAuditReader(actor: Actor, what: string): void {
  if (actor.roles.some((role) => AUDIT_READER_ROLES.includes(role))) return;
  throw new ForbiddenError('ROLE_NOT_ALLOWED', `Only ${AUDIT_READER_ROLES.join(', ')} may read ${what}`, {
    requiredRoles: AUDIT_READER_ROLES,
    actorRoles: actor.roles,
  });
}
