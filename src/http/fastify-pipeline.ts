/**
 * The request pipeline on Fastify: the request steps in Nest's own first `onRequest` hook (before
 * CORS and Nest middleware), a strict JSON parser with our size limit and error bodies, and every
 * other content type left unread for the handler: the evidence route hashes the raw stream, and a
 * JSON route sent another type is refused with 415 (json-body.guard.ts). Requests refused before
 * routing (by Node's parser or Fastify's router) answer in our shape too (client-errors.ts).
 */
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { bodyLimitBytes } from '../config/config';
import { answerClientError, MAX_PARAM_LENGTH, routerRefusalBody } from './client-errors';
import { sendErrorBody } from './error-reply';
import { readJsonBody } from './json-body';
import { recordFailure } from './request-failure';
import type { RequestStep } from './request-steps';

/** `trustProxy`: whose X-Forwarded-For gives the client address (TRUST_PROXY); failed logins are counted per that address. */
export function createFastifyAdapter(bodyLimit: string, trustProxy: boolean | number | string[] = false): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: bodyLimitBytes(bodyLimit),
    trustProxy,
    // Keys named __proto__ or constructor are refused with our FORBIDDEN_KEY by UnsafeInputGuard;
    // Fastify's own check would answer them with its error instead.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Requests refused before routing answer in our error shape too (client-errors.ts).
    clientErrorHandler: answerClientError,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // Fastify refuses these before its onRequest hooks: the steps (correlation id, log line, drain,
      // security headers) are run here, so the refusal is answered and logged as any other.
      const steps = pipelineSteps.get(request.server);
      const body = steps?.(request.raw, reply.raw) ?? routerRefusalBody(error);
      if (body.statusCode >= 500) recordFailure(reply.raw, error, `${request.method} ${request.url}`);
      sendErrorBody(reply, body);
    },
  });
}

/** The request steps of each Fastify instance, for the refusals Fastify makes before its hooks run. */
const pipelineSteps = new WeakMap<object, RequestStep>();

/** What the pipeline mounts, in order: the steps, CORS, then the JSON body parser. */
interface PipelineParts {
  beforeRouting: RequestStep;
  enableCors: () => void;
  bodyLimit: string;
}

export function installFastifyPipeline(app: NestFastifyApplication, { beforeRouting, enableCors, bodyLimit }: PipelineParts): void {
  const adapter = app.getHttpAdapter() as FastifyAdapter;
  const instance = adapter.getInstance();
  pipelineSteps.set(instance, beforeRouting);
  adapter.setOnRequestHook((request, reply, done) => {
    const refusal = beforeRouting(request.raw, reply.raw);
    // Fastify's own request logger is a disabled one (Fastify logs nothing here), and middie hands
    // it to Nest middleware as `req.log`, which nestjs-pino binds for every application line logged
    // while serving the request: those lines were lost. The request's pino-http logger goes instead.
    const requestLog = (request.raw as { log?: FastifyBaseLogger }).log;
    if (requestLog) request.log = requestLog;
    if (refusal) sendErrorBody(reply, refusal);
    else done();
  });
  // Nest runs the CORS hook right after this one, before its middleware.
  enableCors();
  const limit = { bytes: bodyLimitBytes(bodyLimit), text: bodyLimit };
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', (request: FastifyRequest, payload: Readable) => readJsonBody(payload, request.headers['content-length'], limit));
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
