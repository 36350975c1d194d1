/**
 * Every request gets a correlation id: the caller's `X-Correlation-Id` when it is a sensible token,
 * otherwise a new UUID. It is echoed in the response header, stamped on every log line of the
 * request, and recorded in the metadata of the events a command appends.
 *
 * The id lives on the Node.js request (Fastify's `request.raw`), which the request steps, the logger
 * and the handlers all see.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestStep } from './request-steps';

export const CORRELATION_HEADER = 'x-correlation-id';
const TOKEN = /^[A-Za-z0-9._:\-]{1,128}$/;

type WithCorrelation = IncomingMessage & { correlationId?: string };

/** The request's correlation id, assigned on first use (the logger may ask before the step runs). */
export function correlationIdOf(req: IncomingMessage, res?: ServerResponse): string {
  const request = req as WithCorrelation;
  if (!request.correlationId) {
    const raw = req.headers[CORRELATION_HEADER];
    const given = Array.isArray(raw) ? raw[0] : raw;
    request.correlationId = given !== undefined && TOKEN.test(given) ? given : randomUUID();
    if (res && !res.headersSent) res.setHeader('X-Correlation-Id', request.correlationId);
  }
  return request.correlationId;
}

export const assignCorrelationId: RequestStep = (req, res) => {
  const id = correlationIdOf(req, res);
  if (!res.headersSent) res.setHeader('X-Correlation-Id', id);
  return null;
};
