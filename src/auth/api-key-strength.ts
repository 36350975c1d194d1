/**
 * The minimum an API key must be. A key is a bearer secret that a client sends on every request:
 * it is as strong as it is hard to guess, and a self-chosen word or a short code is not. What
 * `npm run principals:hash-key` makes (43 random base64url characters, 256 bits) always passes;
 * keys a person made up usually do not.
 *
 * No estimate of a string's randomness can be exact; these rules only refuse what is plainly weak:
 * - at least 32 characters;
 * - printable ASCII without spaces (the key travels as `Authorization: Bearer <key>`);
 * - at least 8 different characters (no `aaaa…`, no `abababab…`);
 * - not shaped like a JWT (three base64url parts joined by dots), which the service would check as
 *   a token rather than as a key.
 * A principals file that holds only the key's digest (`apiKeySha256`) cannot be checked: whoever
 * made the digest is trusted to have made the key with `principals:hash-key`.
 */
export const MIN_API_KEY_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 8;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Why the key is too weak to accept, or null when it is strong enough. Never echoes the key. */
export function apiKeyWeakness(key: string): string | null {
  if (key.length < MIN_API_KEY_LENGTH) return `is shorter than ${MIN_API_KEY_LENGTH} characters`;
  if (!PRINTABLE_ASCII.test(key)) return 'holds characters other than printable ASCII (no spaces)';
  if (new Set(key).size < MIN_DISTINCT_CHARACTERS) return `has fewer than ${MIN_DISTINCT_CHARACTERS} different characters`;
  if (JWT_SHAPE.test(key)) return 'is shaped like a JWT (three parts joined by dots)';
  return null;
}
