/**
 * The cause of a 5xx, kept beside its Node.js response so that the request's one log line carries
 * it: the error (class, message, stack, by pino's error serializer) and the route it failed on.
 * The client is told only that the failure was logged; this is what makes that true, on every
 * path an error takes to a response (the exception filter, Fastify's refusals before routing).
 *
 * pino-http logs `res.err` on the request line when the response finishes, in place of the
 * made-up "failed with status code 500" error it would otherwise invent, so the cause is logged
 * once, on the line that already has the correlation id, method, URL and status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const routes = new WeakMap<IncomingMessage, string>();
const alerts = new WeakSet<IncomingMessage>();

/** `alert`: the line says `alert: true`, for what an operator must look at whatever the status (a tampered stream). */
export function recordFailure(res: ServerResponse, cause: unknown, route?: string, alert = false): void {
  (res as ServerResponse & { err?: unknown }).err = cause instanceof Error ? cause : new Error(String(cause));
  if (route !== undefined) routes.set(res.req, route);
  if (alert) alerts.add(res.req);
}

export function isAlert(req: IncomingMessage): boolean {
  return alerts.has(req);
}

/** The route pattern (`POST /indicators/:id/progress-reports`) a recorded failure happened on. */
export function failedRouteOf(req: IncomingMessage): string | undefined {
  return routes.get(req);
}

/** True when the response carries the cause of a failure (set above). */
export function hasFailureCause(res: ServerResponse): boolean {
  return (res as ServerResponse & { err?: unknown }).err !== undefined;
}
