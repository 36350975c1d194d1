/**
 * The value a dotted path holds when mingo can only compare it as one scalar: no array on the way
 * and no array or object at the end. The lookups (ordered runs, sorted fields, exact counts) only
 * vouch for members they can place this way; anything else makes them decline or stay inexact.
 */
import type { ReadDocument } from './read-store.port';

/** What `scalarAt` answers for a path that meets an array, or ends at an array or object. */
export const NOT_SCALAR = Symbol('not a scalar');

/** The scalar at `path` (undefined when it is missing), or NOT_SCALAR. */
export function scalarAt(document: ReadDocument, path: readonly string[]): unknown {
  let value: unknown = document;
  for (const segment of path) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return NOT_SCALAR;
    value = Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value !== null && typeof value === 'object' ? NOT_SCALAR : value;
}

/** True when the value at `path` is reached through no array and is no array or object itself (or is missing). */
export function isScalarAt(document: ReadDocument, path: readonly string[]): boolean {
  return scalarAt(document, path) !== NOT_SCALAR;
}
