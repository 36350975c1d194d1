/**
 * The request pipeline on Fastify (the default adapter): the request steps in Nest's own first
 * `onRequest` hook (before CORS and Nest middleware, as the Express middleware runs first there),
 * a strict JSON parser with our size limit and error bodies, and every other content type left
 * unread for the handler, as Express leaves it: the evidence route hashes the raw stream, and a
 * JSON route sent another type is refused with 415 (json-body.guard.ts). Requests refused before
 * routing (by Node's parser or Fastify's router) answer in our shape too (client-errors.ts).
 */
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Readable } from 'node:stream';
import { bodyLimitBytes } from '../config/config';
import { answerClientError, invalidUrl, UNDECODABLE_PATH } from './client-errors';
import type { ErrorBody } from './error-body';
import { recordAnsweredCode } from './answered-code';
import type { PipelineParts, RequestStep } from './request-steps';
import { readJsonBody } from './json-body';

export function fastifyServerOptions(bodyLimit: string): FastifyServerOptions {
  return {
    bodyLimit: bodyLimitBytes(bodyLimit),
    // Keys named __proto__ or constructor are refused with our FORBIDDEN_KEY by UnsafeInputGuard, as on
    // Express; Fastify's own check would answer them with its error instead.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // Fastify answers 404 for a path parameter longer than this; Express has no such limit, and an
    // over-long id is a 400 INVALID_ID from IdParamPipe.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Requests refused before routing answer in our error shape too (client-errors.ts).
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // Fastify refuses these before its onRequest hooks: the steps (correlation id, log line, drain,
      // security headers) are run here, so the refusal is answered and logged as any other.
      const steps = pipelineSteps.get(request.server);
      const body = steps?.(request.raw, reply.raw) ?? frameworkErrorBody(error);
      recordAnsweredCode(request.raw, body.code);
      void reply.code(body.statusCode).send(body);
    },
  };
}

const MAX_PARAM_LENGTH = 2000;

/** Fastify's own refusals before routing: a URL that does not decode, a path parameter beyond the limit above. */
function frameworkErrorBody(error: FastifyError): ErrorBody {
  if (error.code === 'FST_ERR_BAD_URL') return invalidUrl(UNDECODABLE_PATH);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return { statusCode: 400, code: 'INVALID_ID', message: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters`, details: { maxLength: MAX_PARAM_LENGTH } };
  }
  // Nothing else is expected here (no route has constraints); nothing of Fastify's own message is echoed.
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged' };
}

/** The request steps of each Fastify instance, for the refusals Fastify makes before its hooks run. */
const pipelineSteps = new WeakMap<object, RequestStep>();

export function installFastifyPipeline(app: NestFastifyApplication, { beforeRouting, enableCors, bodyLimit }: PipelineParts): void {
  const adapter = app.getHttpAdapter() as FastifyAdapter;
  pipelineSteps.set(adapter.getInstance(), beforeRouting);
  adapter.setOnRequestHook((request, reply, done) => {
    const refusal = beforeRouting(request.raw, reply.raw);
    if (refusal) reply.code(refusal.statusCode).send(refusal);
    else done();
  });
  // Nest runs the CORS hook right after this one, before its middleware.
  enableCors();
  const instance = adapter.getInstance();
  const limit = { bytes: bodyLimitBytes(bodyLimit), text: bodyLimit };
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', (request: FastifyRequest, payload: Readable) => readJsonBody(payload, request.headers['content-length'], limit));
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
