/**
 * The answers to a request body that cannot be read (too large, not JSON), the same on both
 * adapters; each adapter's pipeline maps its own parser errors to these.
 */
import type { ErrorBody } from './error-body';

export function payloadTooLarge(limit: string): ErrorBody {
  return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body exceeds ${limit}` };
}

export function malformedJson(): ErrorBody {
  return { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' };
}

export function badRequest(statusCode: number, message: string | undefined): ErrorBody {
  return { statusCode, code: 'BAD_REQUEST', message: message ?? 'Bad request' };
}
