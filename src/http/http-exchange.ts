/**
 * What our HTTP code uses of Fastify's request and reply. Guards, controllers and helpers type
 * requests and responses with these narrow interfaces rather than Fastify's own types, so that
 * they say what they touch and a test can hand them a plain object:
 *
 * - a request has `headers`, `method`, `query`, `body` and `ip`, and `raw`, the Node.js request it
 *   wraps (the body stream, and where the correlation id is kept);
 * - a response has `header(name, value)`, `status(code)` and `send(buffer)`, which sends the bytes
 *   as the body, as is.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface HttpRequest {
  readonly headers: IncomingHttpHeaders;
  readonly method: string;
  readonly query: unknown;
  readonly body: unknown;
  readonly ip?: string;
  readonly raw: IncomingMessage;
}

export interface HttpResponse {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
  /** Ends the response with these bytes as its body (for handlers that answer themselves, `@Res()`). */
  send(body: Buffer): unknown;
}

/** The request's media type, lowercased and without parameters (`application/json; charset=utf-8` → `application/json`); null when none is sent. */
export function mediaTypeOf(request: Pick<HttpRequest, 'headers'>): string | null {
  return request.headers['content-type']?.split(';')[0].trim().toLowerCase() || null;
}
