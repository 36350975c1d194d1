/**
 * The seam between our HTTP code and the adapter underneath (Fastify by default, Express on
 * request: see src/http/http-adapter.ts). Guards, controllers and helpers type requests and
 * responses with these interfaces, never with `express` or `fastify` types, and touch only what
 * both adapters provide:
 *
 * - a request has `headers`, `method`, `query`, `body` and `ip`; Fastify wraps the Node.js request
 *   (`request.raw`), Express extends it, so `rawRequestOf` finds the stream either way;
 * - a response has `header(name, value)` and `status(code)`: Express's `res.header` is `res.set`,
 *   Fastify's `reply.status` is `reply.code`; and `send(buffer)`, which both send as the body as is.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface HttpRequest {
  readonly headers: IncomingHttpHeaders;
  readonly method: string;
  readonly query: unknown;
  readonly body: unknown;
  readonly ip?: string;
  /** Fastify only: the Node.js request it wraps. */
  readonly raw?: IncomingMessage;
}

export interface HttpResponse {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
  /** Ends the response with these bytes as its body (for handlers that answer themselves, `@Res()`). */
  send(body: Buffer): unknown;
}

/** The Node.js request underneath: its body stream, and where the correlation id is kept. */
export function rawRequestOf(request: HttpRequest): IncomingMessage {
  return request.raw ?? (request as unknown as IncomingMessage);
}

/** The request's media type, lowercased and without parameters (`application/json; charset=utf-8` → `application/json`); null when none is sent. */
export function mediaTypeOf(request: Pick<HttpRequest, 'headers'>): string | null {
  return request.headers['content-type']?.split(';')[0].trim().toLowerCase() || null;
}
