/**
 * Who holds which API key. Keys are kept only as SHA-256 digests: a principals file may hold the
 * raw key (`apiKey`, convenient for demos) or only its digest (`apiKeySha256`, what production
 * files should hold), and either way nothing but the digest stays in memory after loading.
 *
 * A key principal's id is what the audit trail records as the actor, what its idempotency keys and
 * rate limit are scoped to: it must be an id (`ID_PATTERN`: lower-case letters, digits, `.` and `-`,
 * so never the `jwt:` prefix of a token's identity, see jwt-identity.ts) and unique in the list.
 *
 * A lookup compares the presented key's digest with every stored digest in constant time and
 * never stops early, so neither the key nor which principal matched shows in the timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import { ROLES, type Actor, type Role } from '../shared/messages';
import { slugify } from '../shared/slug';
import { ID_PATTERN } from '../http/id-param.pipe';
import { apiKeyWeakness } from './api-key-strength';

export interface Principal extends Actor {
  name: string;
}

interface PrincipalEntry {
  id?: string;
  name: string;
  apiKey?: string;
  apiKeySha256?: string;
  unitId: string | null;
  roles: string[];
}

interface StoredPrincipal {
  keyDigest: Buffer;
  principal: Principal;
}

export class PrincipalFileError extends Error {}

export interface PrincipalLoadOptions {
  /**
   * Raw keys weaker than the minimum (api-key-strength.ts) are accepted: only for the shipped demo
   * principals outside production, whose keys are published anyway.
   */
  acceptWeakKeys?: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

export class PrincipalDirectory {
  private constructor(private readonly entries: readonly StoredPrincipal[]) {}

  static fromFile(file: string, options: PrincipalLoadOptions = {}): PrincipalDirectory {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new PrincipalFileError(`Cannot read principals from ${file}: ${(error as Error).message}`);
    }
    return PrincipalDirectory.fromJson(text, file, options);
  }

  /** `source` names where the JSON came from, for error messages (never the JSON itself: it may hold keys). */
  static fromJson(text: string, source: string, options: PrincipalLoadOptions = {}): PrincipalDirectory {
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch {
      throw new PrincipalFileError(`Principals in ${source} are not valid JSON`);
    }
    return PrincipalDirectory.fromEntries(entries, options);
  }

  static fromEntries(entries: unknown, options: PrincipalLoadOptions = {}): PrincipalDirectory {
    if (!Array.isArray(entries)) throw new PrincipalFileError('The principals must be a JSON array');
    const stored: StoredPrincipal[] = [];
    const seenKeys = new Set<string>();
    const seenIds = new Map<string, number>();
    for (const [index, raw] of entries.entries()) {
      const entry = validEntry(raw, index, options);
      const keyDigest = entry.apiKey !== undefined ? digestOf(entry.apiKey) : Buffer.from(entry.apiKeySha256 as string, 'hex');
      const hex = keyDigest.toString('hex');
      if (seenKeys.has(hex)) throw new PrincipalFileError(`Principal #${index} reuses another principal's API key`);
      seenKeys.add(hex);
      const id = entry.id ?? slugify(entry.name);
      if (!ID_PATTERN.test(id)) {
        throw new PrincipalFileError(
          `Principal #${index} needs an id of lower-case letters, digits, "." and "-" (at most 80, starting with a letter or digit); ` +
            (entry.id === undefined ? `its name gives ${JSON.stringify(id)}: add an "id"` : `got ${JSON.stringify(id)}`),
        );
      }
      const earlier = seenIds.get(id);
      if (earlier !== undefined) {
        // Two principals with one id would be one actor in the audit trail, and share idempotency keys and a rate limit.
        throw new PrincipalFileError(`Principal #${index} has the id "${id}" of principal #${earlier}: give one of them another "id"`);
      }
      seenIds.set(id, index);
      stored.push({ keyDigest, principal: { id, name: entry.name, unitId: entry.unitId, roles: entry.roles as Role[] } });
    }
    return new PrincipalDirectory(stored);
  }

  authenticate(apiKey: string): Principal | null {
    const presented = digestOf(apiKey);
    let match: Principal | null = null;
    for (const entry of this.entries) {
      // No early exit: every stored digest is compared, whether or not one matched already.
      if (timingSafeEqual(entry.keyDigest, presented)) match = entry.principal;
    }
    return match;
  }

  get size(): number {
    return this.entries.length;
  }
}

/** The SHA-256 of a key as a file's `apiKeySha256` holds it (`npm run principals:hash-key`). */
export function apiKeySha256(apiKey: string): string {
  return digestOf(apiKey).toString('hex');
}

function digestOf(apiKey: string): Buffer {
  return createHash('sha256').update(apiKey, 'utf8').digest();
}

function validEntry(raw: unknown, index: number, options: PrincipalLoadOptions): PrincipalEntry {
  const entry = raw as Partial<PrincipalEntry>;
  const problem =
    typeof entry !== 'object' || entry === null || Array.isArray(entry)
      ? 'is not an object'
      : typeof entry.name !== 'string' || !entry.name.trim()
        ? 'has no name'
        : entry.id !== undefined && typeof entry.id !== 'string'
          ? 'has an id that is not a string'
          : keyProblem(entry, options) ??
          (!(entry.unitId === null || (typeof entry.unitId === 'string' && ID_PATTERN.test(entry.unitId)))
            ? // A placeholder left in a pasted entry (`npm run principals:hash-key` prints "…") is refused here.
              `needs a unitId: a unit's id such as "phong-kinh-te", or null; got ${JSON.stringify(entry.unitId)}`
            : !Array.isArray(entry.roles) || entry.roles.length === 0 || !entry.roles.every((r) => ROLES.includes(r as Role))
              ? `needs roles among ${ROLES.join(', ')}`
              : null);
  if (problem) throw new PrincipalFileError(`Principal #${index} ${problem}`);
  return entry as PrincipalEntry;
}

function keyProblem(entry: Partial<PrincipalEntry>, options: PrincipalLoadOptions): string | null {
  const hasRaw = entry.apiKey !== undefined;
  const hasDigest = entry.apiKeySha256 !== undefined;
  if (hasRaw === hasDigest) return 'needs exactly one of apiKey or apiKeySha256';
  if (hasRaw) {
    if (typeof entry.apiKey !== 'string' || entry.apiKey.length === 0) return 'needs an apiKey that is a string';
    const weakness = options.acceptWeakKeys ? null : apiKeyWeakness(entry.apiKey);
    return weakness ? `has an apiKey that ${weakness}: make one with npm run principals:hash-key` : null;
  }
  return typeof entry.apiKeySha256 === 'string' && SHA256_HEX.test(entry.apiKeySha256)
    ? null
    : 'needs an apiKeySha256 of 64 hexadecimal digits (the SHA-256 of the key)';
}
