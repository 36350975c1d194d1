/**
 * The owner (`_id`) of each key of one unique index, keyed by the key's parts rather than by one
 * joined string: all parts but the last pick a map (one per indicator, per stream: few), the last
 * part is the key in it. A read model keeps a key per document for the life of the process, and
 * the last part is usually a number (a revision, a position), which a map holds without a string:
 * the audit log's `position` index keeps no key string at all, the history's
 * `{ indicatorId, revision }` one string per indicator instead of one per entry.
 *
 * Two tuples name the same owner when their joined keys (unique-index.ts) are equal: the prefix is
 * the joined key of the leading parts, and a number part never equals a string part. (The one
 * difference: strings holding NUL characters, which a joined key could confuse across fields.)
 */
import { encodedPart, joinedKey, type KeyPart } from './unique-index';

export class KeyOwners {
  private readonly byPrefix = new Map<string, Map<KeyPart, string>>();

  get(key: readonly KeyPart[]): string | undefined {
    return this.byPrefix.get(prefixOf(key))?.get(lastOf(key));
  }

  set(key: readonly KeyPart[], owner: string): void {
    const prefix = prefixOf(key);
    let owners = this.byPrefix.get(prefix);
    if (!owners) this.byPrefix.set(prefix, (owners = new Map()));
    owners.set(lastOf(key), owner);
  }

  delete(key: readonly KeyPart[]): void {
    const prefix = prefixOf(key);
    const owners = this.byPrefix.get(prefix);
    if (!owners) return;
    owners.delete(lastOf(key));
    if (owners.size === 0) this.byPrefix.delete(prefix);
  }

  clear(): void {
    this.byPrefix.clear();
  }
}

function prefixOf(key: readonly KeyPart[]): string {
  if (key.length <= 1) return '';
  return key.length === 2 ? encodedPart(key[0]) : joinedKey(key.slice(0, -1));
}

/** An index without fields has the one empty key, as a joined key it is ''. */
function lastOf(key: readonly KeyPart[]): KeyPart {
  return key.length === 0 ? '' : key[key.length - 1];
}
