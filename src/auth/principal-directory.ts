/**
 * Who holds which API key. Keys are kept only as SHA-256 digests, looked up by digest, so the raw
 * keys never sit in memory after loading and a lookup does not compare secrets byte by byte.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { ROLES, type Actor, type Role } from '../shared/messages';
import { slugify } from '../shared/slug';

export interface Principal extends Actor {
  name: string;
}

interface PrincipalEntry {
  id?: string;
  name: string;
  apiKey: string;
  unitId: string | null;
  roles: string[];
}

export class PrincipalFileError extends Error {}

export class PrincipalDirectory {
  private constructor(private readonly byKeyDigest: ReadonlyMap<string, Principal>) {}

  static fromFile(file: string): PrincipalDirectory {
    let entries: unknown;
    try {
      entries = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new PrincipalFileError(`Cannot read principals from ${file}: ${(error as Error).message}`);
    }
    return PrincipalDirectory.fromEntries(entries);
  }

  static fromEntries(entries: unknown): PrincipalDirectory {
    if (!Array.isArray(entries)) throw new PrincipalFileError('The principals file must hold a JSON array');
    const byKeyDigest = new Map<string, Principal>();
    for (const [index, raw] of entries.entries()) {
      const entry = validEntry(raw, index);
      const digest = digestOf(entry.apiKey);
      if (byKeyDigest.has(digest)) throw new PrincipalFileError(`Principal #${index} reuses another principal's API key`);
      byKeyDigest.set(digest, {
        id: entry.id ?? slugify(entry.name),
        name: entry.name,
        unitId: entry.unitId,
        roles: entry.roles as Role[],
      });
    }
    return new PrincipalDirectory(byKeyDigest);
  }

  authenticate(apiKey: string): Principal | null {
    return this.byKeyDigest.get(digestOf(apiKey)) ?? null;
  }

  get size(): number {
    return this.byKeyDigest.size;
  }
}

function digestOf(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

function validEntry(raw: unknown, index: number): PrincipalEntry {
  const entry = raw as Partial<PrincipalEntry>;
  const problem =
    typeof entry !== 'object' || entry === null
      ? 'is not an object'
      : typeof entry.name !== 'string' || !entry.name.trim()
        ? 'has no name'
        : typeof entry.apiKey !== 'string' || entry.apiKey.length < 8
          ? 'needs an apiKey of at least 8 characters'
          : !(entry.unitId === null || typeof entry.unitId === 'string')
            ? 'needs a unitId (string or null)'
            : !Array.isArray(entry.roles) || entry.roles.length === 0 || !entry.roles.every((r) => ROLES.includes(r as Role))
              ? `needs roles among ${ROLES.join(', ')}`
              : null;
  if (problem) throw new PrincipalFileError(`Principal #${index} ${problem}`);
  return entry as PrincipalEntry;
}
