/**
 * What a route does that decides how it can be refused, said once on the route. The OpenAPI
 * document turns it into the route's error responses (openapi-errors.ts): the command's decider
 * refusals (src/domain/refusals.ts) and everything a write meets, the read models' or the event
 * store's refusals for what the route reads, and the codes particular to the route. What the
 * document itself shows (a key, a path id, a JSON body, `minPosition`) needs no declaration.
 */
import { ApiExtension } from '@nestjs/swagger';
import type { CommandType } from '../domain/refusals';

export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 415 | 422 | 429 | 431 | 500 | 503;

export type CodesByStatus = Partial<Record<ErrorStatus, readonly string[]>>;

/** Where a route's answer comes from. */
export type Source = 'read-models' | 'event-store';

export interface RouteRefusals {
  /** The command the route sends through the command path. */
  command?: CommandType;
  reads?: readonly Source[];
  /** Codes particular to the route (a query's 404, a role check in the controller). */
  codes?: CodesByStatus;
}

/** The operation's extension the declaration travels in; openapi-errors.ts reads it and removes it. */
export const ROUTE_REFUSALS_EXTENSION = 'x-ledger-refusals';

export const Refuses = (refusals: RouteRefusals): MethodDecorator & ClassDecorator => ApiExtension(ROUTE_REFUSALS_EXTENSION, refusals);
