/**
 * Refuses, before validation or any handler sees the request, every query-string or body key that could be
 * read as a MongoDB operator or walk into an object prototype: keys containing `$` (`$where`,
 * `$nor`, `unit[$ne]`), and `__proto__`, `constructor`, `prototype` as a key or a bracket/dot
 * segment of one. No route takes such a key, so refusing them costs nothing and guarantees that no
 * user-supplied `$` key reaches a read-store query whatever a handler does with its input.
 *
 * Also refuses bodies nested deeper than any command needs, before validation recurses into them.
 * The walk is iterative: a hostile body cannot overflow the stack here.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { HttpRequest } from './http-exchange';
import { InvalidInputError } from '../shared/errors';

const PROTOTYPE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_INPUT_DEPTH = 16;

export interface InputProblem {
  code: 'FORBIDDEN_KEY' | 'INPUT_TOO_DEEP';
  location: 'query' | 'body';
  key?: string;
}

export function isForbiddenKey(key: string): boolean {
  return key.includes('$') || key.split(/[.[\]]+/).some((segment) => PROTOTYPE_SEGMENTS.has(segment));
}

/** The first problem found in a parsed query or body, or null. */
export function findInputProblem(value: unknown, location: InputProblem['location']): InputProblem | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { code: 'INPUT_TOO_DEEP', location };
    // Own keys only, including a literal "__proto__" key that JSON.parse creates as an own property.
    for (const key of Object.keys(current)) {
      if (!Array.isArray(current) && isForbiddenKey(key)) return { code: 'FORBIDDEN_KEY', location, key: key.slice(0, 100) };
      pending.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}

/** Runs as a global guard (after authentication, before validation), so the refusal is logged like any other answer. */
@Injectable()
export class UnsafeInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const problem = findInputProblem(req.query, 'query') ?? findInputProblem(req.body, 'body');
    if (!problem) return true;
    if (problem.code === 'FORBIDDEN_KEY') {
      throw new InvalidInputError(
        'FORBIDDEN_KEY',
        `The ${problem.location} key ${JSON.stringify(problem.key)} is not allowed: keys may not contain "$" or name an object prototype`,
        { location: problem.location, key: problem.key },
      );
    }
    throw new InvalidInputError('INPUT_TOO_DEEP', `The ${problem.location} is nested deeper than ${MAX_INPUT_DEPTH} levels`, {
      location: problem.location,
      maxDepth: MAX_INPUT_DEPTH,
    });
  }
}
