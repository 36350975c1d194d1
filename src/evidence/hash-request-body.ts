/**
 * Hashes a raw request body as it streams in, without buffering it: a 20 MB scan costs 20 MB of
 * hashing, not 20 MB of memory per request. Past the limit the rest of the body is drained (so the
 * client can read our 413 rather than see a reset connection) and the request is refused.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../shared/errors';

export const OCTET_STREAM = 'application/octet-stream';

export interface BodyDigest {
  sha256: string;
  size: number;
}

export async function hashRequestBody(request: Request, limitBytes: number): Promise<BodyDigest> {
  const contentType = request.headers['content-type']?.split(';')[0].trim().toLowerCase() ?? null;
  if (contentType !== OCTET_STREAM) throw new UnsupportedMediaTypeError(OCTET_STREAM, contentType);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    throw new PayloadTooLargeError(limitBytes);
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      request.resume();
      throw new PayloadTooLargeError(limitBytes);
    }
    hash.update(chunk);
  }
  if (size === 0) throw new InvalidInputError('EMPTY_FILE', 'Send the file’s bytes as the request body; it was empty');
  return { sha256: hash.digest('hex'), size };
}
