/**
 * Reads a JSON request body strictly: nothing beyond the limit is buffered (413 PAYLOAD_TOO_LARGE),
 * an empty body is `{}`, and only an object or an array is JSON here (anything else is
 * MALFORMED_JSON). Fastify's own parser would answer its errors in its own words and accept bare
 * strings and numbers. The errors carry our error body; the exception filter sends it.
 */
import { HttpException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { ErrorBody } from './error-body';

export interface BodyLimit {
  bytes: number;
  /** As configured (BODY_LIMIT), for the error message. */
  text: string;
}

export async function readJsonBody(stream: Readable, declaredLength: string | undefined, limit: BodyLimit): Promise<unknown> {
  if (Number(declaredLength) > limit.bytes) throw tooLarge(stream, limit);
  const text = (await readUpTo(stream, limit)).toString('utf8');
  return parseStrictJson(text);
}

export function parseStrictJson(text: string): unknown {
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw malformedJson();
  try {
    return JSON.parse(text);
  } catch {
    throw malformedJson();
  }
}

function readUpTo(stream: Readable, limit: BodyLimit): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit.bytes) return void chunks.push(chunk);
      stop();
      reject(tooLarge(stream, limit));
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** Lets the rest of the body drain rather than reset the connection, so the client reads our 413. */
function tooLarge(stream: Readable, limit: BodyLimit): HttpException {
  stream.resume();
  const body: ErrorBody = { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body exceeds ${limit.text}` };
  return new HttpException(body, body.statusCode);
}

function malformedJson(): HttpException {
  const body: ErrorBody = { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' };
  return new HttpException(body, body.statusCode);
}
