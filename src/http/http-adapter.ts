/**
 * The HTTP server under NestJS, chosen by HTTP_ADAPTER. Fastify is the default: on the service's
 * own command route it serves more requests per second than Express (README, Performance). Express
 * stays selectable, and the end-to-end suites run on both, because everything above this seam is
 * written against src/http/http-exchange.ts and src/http/request-steps.ts, not against either.
 */
import type { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config';
import { fastifyServerOptions } from './fastify-pipeline';

export function createHttpAdapter(config: Pick<AppConfig, 'httpAdapter' | 'bodyLimit'>): AbstractHttpAdapter {
  return config.httpAdapter === 'express' ? new ExpressAdapter() : new FastifyAdapter(fastifyServerOptions(config.bodyLimit));
}
