/**
 * What every request passes through before it is routed, written once against the Node.js request
 * and response so that both adapters run the very same code (src/http/express-pipeline.ts mounts
 * the steps as one middleware, src/http/fastify-pipeline.ts as one `onRequest` hook).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from './error-body';
import { recordAnsweredCode } from './answered-code';

/** Prepares the response (headers, bookkeeping); returns the answer to send instead of routing, or null to go on. */
export type RequestStep = (req: IncomingMessage, res: ServerResponse) => ErrorBody | null;

export function runInOrder(steps: readonly RequestStep[]): RequestStep {
  return (req, res) => {
    for (const step of steps) {
      const refusal = step(req, res);
      if (refusal) {
        recordAnsweredCode(req, refusal.code);
        return refusal;
      }
    }
    return null;
  };
}

/** What an adapter's pipeline mounts, in order: the steps, CORS, then the JSON body parser. */
export interface PipelineParts {
  beforeRouting: RequestStep;
  enableCors: () => void;
  bodyLimit: string;
}
