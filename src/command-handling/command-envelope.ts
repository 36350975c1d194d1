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
  /** Marks every event of the command as demo data (`metadata.demo`); only the demo builder sets it, never a request. */
  demo?: true;
}

/**
 * Idempotency keys are scoped to the principal that sent them: two departments choosing the same
 * key must not collide. The command id is a UUID derived from both. A principal's id names its
 * source (an API key's id, or `jwt:<issuer>:<sub>` for a token), so a token never shares a key
 * principal's idempotency keys, nor one issuer's user another's.
 *
 * An API key's id holds no `:`, so `<id>:<key>` reads one way only; those ids keep that form, and
 * with it the command ids of requests made before tokens were namespaced (a retry across an
 * upgrade still appends nothing). A token's id holds `:` (and its `sub` may), so `jwt:a:b` with key
 * `c:d` and `jwt:a:b:c` with key `d` would meet in that form: those are derived from the JSON pair
 * instead, which no key principal's form can equal (an id never starts with `[`).
 */
export function commandIdFromIdempotencyKey(principalId: string, idempotencyKey: string): string {
  const scoped = principalId.includes(':') ? JSON.stringify([principalId, idempotencyKey]) : `${principalId}:${idempotencyKey}`;
  return uuidFromName(`idempotency:${scoped}`);
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
