/**
 * Limits on how a request arrives, answered in our error shape and logged like any refusal:
 *
 * - Too many header lines: 431 HEADERS_TOO_LARGE. Node's parser would otherwise keep the first
 *   2000 and drop the rest without a word (an `Authorization` or `Host` header among them gave a
 *   baffling 401 or an empty 400), so its count limit is lifted (`allowAnyHeaderCount`) and the
 *   count is checked here; the size limit (16 KB) still bounds what a request can send.
 * - A body arriving slower than a minimum rate (BODY_MIN_RATE bytes per second, averaged from the
 *   end of the headers, after a grace period of BODY_RATE_GRACE_MS): 408 REQUEST_TIMEOUT, and the
 *   connection is closed. Node would wait for such a body for `requestTimeout` (five minutes), and a
 *   few hundred trickling clients hold as many sockets and parsers. The rule is Kestrel's (ASP.NET
 *   Core), with its defaults: 240 bytes per second after 5 seconds.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ErrorBody } from './error-body';
import { sendErrorBody } from './error-reply';
import type { RequestStep } from './request-steps';

/** More than any client sends (browsers send about twenty); a request with more is refused, not trimmed. */
export const MAX_REQUEST_HEADERS = 100;
/** How often a body's progress is looked at. */
const BODY_RATE_CHECK_MS = 500;

export interface BodyRate {
  /** 0 turns the check off. */
  bytesPerSecond: number;
  graceMs: number;
}

/** Node drops header lines beyond `maxHeadersCount`; with no count limit, every line reaches `refuseTooManyHeaders`. */
export function allowAnyHeaderCount(server: Server): void {
  server.maxHeadersCount = 0;
}

export const refuseTooManyHeaders: RequestStep = (req) => {
  const count = req.rawHeaders.length / 2;
  if (count <= MAX_REQUEST_HEADERS) return null;
  return { statusCode: 431, code: 'HEADERS_TOO_LARGE', message: `The request has ${count} header lines; at most ${MAX_REQUEST_HEADERS} are accepted`, details: { maxHeaders: MAX_REQUEST_HEADERS } };
};

/** Watches a request's body arrive (by the bytes its socket has read: nothing is taken from the stream the parser reads). */
export function bodyRateGuard({ bytesPerSecond, graceMs }: BodyRate): RequestStep {
  return (req, res) => {
    if (bytesPerSecond <= 0 || !hasBody(req)) return null;
    const socket = req.socket;
    const started = Date.now();
    const readBefore = socket.bytesRead;
    const timer = setInterval(() => {
      if (req.complete || res.headersSent || socket.destroyed) return clearInterval(timer);
      const elapsedMs = Date.now() - started;
      if (elapsedMs < graceMs || socket.bytesRead - readBefore >= (bytesPerSecond * elapsedMs) / 1000) return;
      clearInterval(timer);
      cutOff(req, res, { statusCode: 408, code: 'REQUEST_TIMEOUT', message: `The request body arrived slower than ${bytesPerSecond} bytes per second`, details: { minBytesPerSecond: bytesPerSecond } });
    }, BODY_RATE_CHECK_MS);
    timer.unref();
    res.once('close', () => clearInterval(timer));
    return null;
  };
}

function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/** Answers now, and closes the connection once the answer is written: the rest of the body is not waited for. */
function cutOff(req: IncomingMessage, res: ServerResponse, body: ErrorBody): void {
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.socket.end());
  sendErrorBody(res, body);
}
