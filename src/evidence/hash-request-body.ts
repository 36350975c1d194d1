/**
 * Hashes a raw request body as it streams in, without buffering it: a 20 MB scan costs 20 MB of
 * hashing, not 20 MB of memory per request. Past the limit the rest of the body is drained (so the
 * client can read our 413 rather than see a reset connection) and the request is refused.
 */
import { createHash } from 'node:crypto';
import { mediaTypeOf, type HttpRequest } from '../http/http-exchange';
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../shared/errors';

export const OCTET_STREAM = 'application/octet-stream';

export interface BodyDigest {
  sha256: string;
  size: number;
}

export async function hashRequestBody(request: HttpRequest, limitBytes: number): Promise<BodyDigest> {
  // The stream itself: Fastify has not read a body of this content type (src/http/fastify-pipeline.ts).
  const body = request.raw;
  const contentType = mediaTypeOf(request);
  if (contentType !== OCTET_STREAM) throw new UnsupportedMediaTypeError(OCTET_STREAM, contentType);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    body.resume();
    throw new PayloadTooLargeError(limitBytes);
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      body.resume();
      throw new PayloadTooLargeError(limitBytes);
    }
    hash.update(chunk);
  }
  if (size === 0) throw new InvalidInputError('EMPTY_FILE', 'Send the file’s bytes as the request body; it was empty');
  return { sha256: hash.digest('hex'), size };
}
