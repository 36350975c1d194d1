/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string a JSON value hashes as.
 *
 * We delegate to `canonicalize` (by an author of RFC 8785; the 2.x line is CommonJS, which Nest and
 * Jest load without an ESM loader). What JCS pins down and our hashes rely on: object members
 * sorted by the UTF-16 code units of their names, no whitespace, strings escaped minimally (so
 * Vietnamese text stays as UTF-8, not \u escapes), numbers in the ECMAScript shortest round-trip
 * form (1e21 → "1e+21", 0.1 → "0.1", -0 → "0"). Members whose value is `undefined` are left out,
 * exactly as JSON.stringify leaves them out when the event is stored, so a hash computed before the
 * append equals the one recomputed after reading the stored JSON back.
 */
import canonicalize from 'canonicalize';

/** A value JCS cannot represent (NaN, ±Infinity, a bare `undefined`): never stored, never hashed. */
export class NotCanonicalizableError extends Error {
  readonly code = 'NOT_CANONICALIZABLE';

  constructor(reason: string) {
    super(`Value cannot be canonicalized as JSON: ${reason}`);
    this.name = new.target.name;
  }
}

export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new NotCanonicalizableError(error instanceof Error ? error.message : String(error));
  }
  if (text === undefined) throw new NotCanonicalizableError('it is undefined');
  return text;
}
