/**
 * Freezes a stored document and everything in it, the first time it is shared with a reader
 * (read-only-find.ts). Stored documents are never changed in place: a write replaces the whole
 * document with a new object, so a frozen one simply stops being shared when it is replaced.
 */
import { MAX_PLAIN_DEPTH } from './plain-values';

/** Roots already frozen all the way down: sharing one again costs a lookup. */
const frozenRoots = new WeakSet<object>();

export function deepFrozen<T extends object>(document: T): T {
  if (!frozenRoots.has(document)) {
    freeze(document, 0);
    frozenRoots.add(document);
  }
  return document;
}

/** True for a document `deepFrozen` has frozen all the way down (a lookup, not a walk). */
export function isDeepFrozen(value: unknown): boolean {
  return value !== null && typeof value === 'object' && frozenRoots.has(value);
}

function freeze(value: object, depth: number): void {
  if (depth > MAX_PLAIN_DEPTH) return;
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') freeze(item, depth + 1);
  }
  Object.freeze(value);
}
