/**
 * The error code a request was answered with, kept beside its Node.js request (as the correlation
 * id is) so that the request's log line can say which refusal it was: `code` is what a support
 * engineer searches the logs for when a client reports one.
 */
import type { IncomingMessage } from 'node:http';

const codes = new WeakMap<IncomingMessage, string>();

export function recordAnsweredCode(req: IncomingMessage, code: string): void {
  codes.set(req, code);
}

export function answeredCodeOf(req: IncomingMessage): string | undefined {
  return codes.get(req);
}
