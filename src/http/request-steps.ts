/**
 * What every request passes through before it is routed, written against the Node.js request and
 * response: pino-http and the correlation id live there, and Fastify hands over only those for the
 * requests its router refuses before its hooks run (src/http/fastify-pipeline.ts runs the steps in
 * its first `onRequest` hook, and for those refusals).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from './error-body';

/** Prepares the response (headers, bookkeeping); returns the answer to send instead of routing, or null to go on. */
export type RequestStep = (req: IncomingMessage, res: ServerResponse) => ErrorBody | null;

export function runInOrder(steps: readonly RequestStep[]): RequestStep {
  return (req, res) => {
    for (const step of steps) {
      const refusal = step(req, res);
      if (refusal) return refusal;
    }
    return null;
  };
}
