/**
 * How a token's holder is named in the ledger: `jwt:<issuer alias>:<sub>`. API-key principals keep
 * their configured ids, which can hold no `:` (principal-directory.ts), so no token can be recorded
 * as a key principal, nor one issuer's user as another's, whatever `sub` an issuer puts in its
 * tokens. The same id scopes the caller's idempotency keys and rate limit, so those are never
 * shared across sources either.
 *
 * Events recorded before identities were namespaced keep the bare `sub` they were written with:
 * events are never rewritten, and the hash chain would show it if they were.
 */
export const JWT_ACTOR_PREFIX = 'jwt';

/**
 * The characters an actor id may have (the audit trail's `?actor=` filter takes the same), and the
 * room the prefix and alias leave: the whole id is at most 128 characters.
 */
const SUB_CHARACTERS = /^[A-Za-z0-9][A-Za-z0-9._@:\-]*$/;
const MAX_ACTOR_ID_LENGTH = 128;

export function jwtActorId(alias: string, sub: string): string {
  return `${JWT_ACTOR_PREFIX}:${alias}:${sub}`;
}

/** Why a `sub` cannot name an actor, or null. */
export function subjectProblem(alias: string, sub: string): string | null {
  if (!SUB_CHARACTERS.test(sub)) return 'the sub claim must start with a letter or digit and hold only letters, digits and . _ @ : -';
  if (jwtActorId(alias, sub).length > MAX_ACTOR_ID_LENGTH) return `the sub claim is longer than ${MAX_ACTOR_ID_LENGTH - jwtActorId(alias, '').length} characters`;
  return null;
}
