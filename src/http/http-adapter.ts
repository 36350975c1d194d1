/**
 * The HTTP server under NestJS, chosen by HTTP_ADAPTER. Fastify is the default: on the service's
 * own command route it serves more requests per second than Express (README, Performance). Express
 * stays selectable, and the end-to-end suites run on both, because everything above this seam is
 * written against src/http/http-exchange.ts and src/http/request-steps.ts, not against either.
 */
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { fastifyServerOptions } from './fastify-pipeline';

/** Only the chosen adapter's package is loaded: the other one would cost start-up time and memory for nothing. */
export function createHttpAdapter(config: Pick<AppConfig, 'httpAdapter' | 'bodyLimit'>): AbstractHttpAdapter {
  if (config.httpAdapter === 'express') {
    const { ExpressAdapter } = require('@nestjs/platform-express') as typeof import('@nestjs/platform-express');
    return new ExpressAdapter();
  }
  const { FastifyAdapter } = require('@nestjs/platform-fastify') as typeof import('@nestjs/platform-fastify');
  return new FastifyAdapter(fastifyServerOptions(config.bodyLimit));
}
