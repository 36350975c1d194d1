/**
 * The answers to a request body that cannot be read (too large, not JSON), the same on both
 * adapters; each adapter's pipeline maps its own parser errors to these.
 */
import { ConfigError } from '../config/config';
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

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i;
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `BODY_LIMIT` in bytes, read as Express's body parser reads it ("100kb" is 102,400 bytes). */
export function bodyLimitBytes(limit: string): number {
  const match = SIZE.exec(limit);
  if (!match) throw new ConfigError(`BODY_LIMIT must be a size such as 100kb or 1mb, not "${limit}"`);
  return Math.floor(Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]);
}
