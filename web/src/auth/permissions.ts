/**
 * What the signed-in user's roles let them do, so that the console offers only those actions. The
 * API decides in the end (a unit no longer responsible is refused with NOT_RESPONSIBLE_UNIT, shown
 * next to the form); this only hides what a role can never do.
 */
export interface Principal {
  unitId: string | null;
  roles: readonly string[];
}

const has = (principal: Principal | null, ...roles: string[]) => !!principal && roles.some((role) => principal.roles.includes(role));

/** Reports and corrections: a reporter of the responsible unit, or a coordinator. */
export function mayReport(principal: Principal | null, responsibleUnitId: string): boolean {
  return has(principal, 'coordinator') || (has(principal, 'reporter') && principal!.unitId === responsibleUnitId);
}

/** Answering a query: the same people as reporting. */
export const mayAnswerQuery = mayReport;

export function mayRaiseQuery(principal: Principal | null): boolean {
  return has(principal, 'inspector');
}

export function mayReassign(principal: Principal | null): boolean {
  return has(principal, 'coordinator', 'standing_committee');
}

export function mayReviseTarget(principal: Principal | null): boolean {
  return has(principal, 'standing_committee');
}

export function mayApproveReview(principal: Principal | null): boolean {
  return has(principal, 'standing_committee');
}

/** The audit log and digests. */
export function mayAudit(principal: Principal | null): boolean {
  return has(principal, 'inspector', 'standing_committee', 'analyst');
}
