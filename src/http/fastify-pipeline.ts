/**
 * The request pipeline on Fastify (the default adapter): the request steps in Nest's own first
 * `onRequest` hook (before CORS and Nest middleware, as the Express middleware runs first there),
 * a strict JSON parser with our size limit and error bodies, and every other content type left
 * unread for the handler, as Express leaves it: the evidence route hashes the raw stream, and a
 * JSON route sent another type sees no body and fails validation.
 */
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Readable } from 'node:stream';
import { bodyLimitBytes } from './body-errors';
import type { PipelineParts } from './request-steps';
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
    routerOptions: { maxParamLength: 2000 },
  };
}

export function installFastifyPipeline(app: NestFastifyApplication, { beforeRouting, enableCors, bodyLimit }: PipelineParts): void {
  const adapter = app.getHttpAdapter() as FastifyAdapter;
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
