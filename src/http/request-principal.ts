/**
 * The id of the principal a request was authenticated as, kept beside its Node.js request (as the
 * answered code is) so that the request's log line names who made it.
 */
import type { IncomingMessage } from 'node:http';

const principals = new WeakMap<IncomingMessage, string>();

export function recordPrincipalId(req: IncomingMessage, principalId: string): void {
  principals.set(req, principalId);
}

export function principalIdOf(req: IncomingMessage): string | undefined {
  return principals.get(req);
}
