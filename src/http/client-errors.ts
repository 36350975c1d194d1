/**
 * Requests refused before any route sees them, answered in our error shape:
 *
 * - a request Node's HTTP parser cannot read (`clientError`): a raw non-ASCII character in the
 *   URL (pasting `…` or `phòng` into curl), a malformed header, headers too large, a request too
 *   slow to arrive. Node and Fastify each answer these with a body of their own, without our
 *   machine-readable `code`;
 * - what Fastify's router refuses (`frameworkErrors`): a path whose percent-escape does not decode
 *   (`/indicators/%E0%A4%A`), a path parameter beyond its length limit. Fastify answers these with
 *   a body of its own too.
 */
import type { FastifyError } from 'fastify';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from './error-body';
import { writeErrorBody } from './error-reply';

/** How to percent-encode, said once for every URL refusal. */
const ENCODING_HINT = 'Characters outside printable ASCII must be percent-encoded as UTF-8 (for example ò as %C3%B2), and % must begin a valid escape';

/**
 * The longest path parameter Fastify's router passes on (its default is 100): up to it, IdParamPipe
 * says what a valid id is; beyond it the router refuses the request, answered with the same 400 INVALID_ID.
 */
export const MAX_PARAM_LENGTH = 2000;

function invalidUrl(detail: string): ErrorBody {
  return { statusCode: 400, code: 'INVALID_URL', message: `${detail}. ${ENCODING_HINT}` };
}

/** The answer to a request the HTTP parser refused, by Node's error code. */
export function clientErrorBody(error: NodeJS.ErrnoException): ErrorBody {
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

/** Fastify's `clientErrorHandler`: the Node.js server's `clientError` listener. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  writeErrorBody(socket, clientErrorBody(error));
}

/** The answer to a request Fastify's router refused before routing it. */
export function routerRefusalBody(error: FastifyError): ErrorBody {
  if (error.code === 'FST_ERR_BAD_URL') return invalidUrl('The request URL has a percent-escape that does not decode to UTF-8');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { statusCode: 400, code: 'INVALID_ID', message: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters`, details: { maxLength: MAX_PARAM_LENGTH } };
  }
  // Nothing else is expected here (no route has constraints); nothing of Fastify's own message is echoed.
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged' };
}
