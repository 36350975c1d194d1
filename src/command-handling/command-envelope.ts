/**
 * What travels with every command besides its data: who sends it, under which id, in which
 * conversation, and which stream revision the client saw (if it says).
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../shared/messages';
import { uuidFromName } from '../shared/deterministic-id';

export interface CommandEnvelope {
  /** Stable id of this command; retries carry the same one (from the Idempotency-Key header). */
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** The revision the client last saw, when it sent one (body `expectedRevision` or `If-Match`). */
  expectedRevision?: number;
}

/**
 * Idempotency keys are scoped to the principal that sent them: two departments choosing the same
 * key must not collide. The command id is a UUID derived from both.
 */
export function commandIdFromIdempotencyKey(principalId: string, idempotencyKey: string): string {
  return uuidFromName(`idempotency:${principalId}:${idempotencyKey}`);
}

/** A digest of the command's input, to tell a true retry from a reused key with another body. */
export function commandHash(commandType: string, input: unknown): string {
  return createHash('sha256').update(commandType).update('\u0000').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
