/**
 * Requests refused before any route sees them, answered in our error shape on both adapters:
 *
 * - a request Node's HTTP parser cannot read (`clientError`): a raw non-ASCII character in the
 *   URL (pasting `…` or `phòng` into curl), a malformed header, headers too large, a request too
 *   slow to arrive. Node and Fastify each answer these with a body of their own, without our
 *   machine-readable `code`;
 * - a URL whose path has a percent-escape that does not decode (`/indicators/%E0%A4%A`): Fastify's
 *   router refuses it with a body of its own, Express's with a generic 400.
 *
 * The parser's refusals are written to the socket directly (there is no request object to answer
 * through), and the connection is closed, as Node does: what follows on it cannot be trusted.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from './error-body';

/** How to percent-encode, said once for every URL refusal. */
const ENCODING_HINT = 'Characters outside printable ASCII must be percent-encoded as UTF-8 (for example ò as %C3%B2), and % must begin a valid escape';

/** True when the URL's path has a percent-escape that does not decode (its query is read leniently by both adapters). */
export function hasUndecodablePath(url: string): boolean {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

export const UNDECODABLE_PATH = 'The request URL has a percent-escape that does not decode to UTF-8';

export function invalidUrl(detail: string): ErrorBody {
  return { statusCode: 400, code: 'INVALID_URL', message: `${detail}. ${ENCODING_HINT}` };
}

/** The answer to a request the HTTP parser refused, by Node's error code. */
function clientErrorBody(error: NodeJS.ErrnoException): ErrorBody {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { statusCode: 431, code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { statusCode: 408, code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time' };
    case 'HPE_INVALID_URL':
      return invalidUrl('The request URL contains a character that is not allowed in a URL');
    default:
      return { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP/1.1 (a malformed request line or header)' };
  }
}

/** A `clientError` listener for the Node.js server under either adapter (Fastify takes it as `clientErrorHandler`). */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const body = clientErrorBody(error);
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        json,
    );
  }
  socket.destroy();
}
