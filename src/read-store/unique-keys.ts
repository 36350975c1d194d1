/**
 * The keys of one unique index and the `_id` holding each, without a string per key.
 *
 * A key is the tuple of a document's indexed values. The tuples are kept as nested maps, one level
 * per indexed field, the last level holding the owner: `{ indicatorId: 1, revision: 1 }` is a map
 * from each indicator to a map from each revision to the entry's `_id`. Encoding every key as one
 * string instead cost two or three strings per key and one entry in a map as large as the
 * collection: at a million history and audit-log entries, a sixth of the rebuilt heap was such
 * strings, and the garbage collector traced them all.
 *
 * Parts compare as MongoDB compares index keys: by type and value, so 1 and '1' differ, 0 and -0
 * are one key, and a missing field is null (unique-index.ts builds the tuples). Maps compare keys
 * with SameValueZero, which is that rule for strings, numbers, booleans and null. Any other value (a
 * date, an embedded document) is keyed by a symbol standing for its encoding, so equal dates
 * collide and a symbol never equals a scalar.
 */
import { encodeKey } from './index-values';

export type KeyPart = string | number | boolean | null | symbol;
export type IndexKey = readonly KeyPart[];

/** One symbol per encoding of a non-scalar key value. No projection indexes such values uniquely, so this stays empty in practice. */
const NON_SCALAR_PARTS = new Map<string, symbol>();

/** A value as one part of an index key. */
export function keyPart(value: unknown): KeyPart {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  const encoded = encodeKey(value);
  let part = NON_SCALAR_PARTS.get(encoded);
  if (part === undefined) NON_SCALAR_PARTS.set(encoded, (part = Symbol(encoded)));
  return part;
}

/** Whether two keys are the same key (SameValueZero part by part, as the maps decide). */
export function sameKey(a: IndexKey, b: IndexKey): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && !(x !== x && y !== y)) return false; // NaN is one key, as in a Map
  }
  return true;
}

type Level = Map<KeyPart, unknown>;

export class UniqueKeys {
  private readonly root: Level = new Map();

  /** The `_id` holding the key, if any. */
  get(key: IndexKey): string | undefined {
    const last = this.lastLevel(key, false);
    return last === undefined ? undefined : (last.get(key[key.length - 1]) as string | undefined);
  }

  set(key: IndexKey, id: string): void {
    this.lastLevel(key, true)!.set(key[key.length - 1], id);
  }

  /** Frees the key; levels left empty are dropped, so freed keys leave nothing behind. */
  delete(key: IndexKey): void {
    const path: Level[] = [this.root];
    for (let i = 0; i < key.length - 1; i++) {
      const next = path[i].get(key[i]) as Level | undefined;
      if (next === undefined) return;
      path.push(next);
    }
    path[key.length - 1].delete(key[key.length - 1]);
    for (let i = key.length - 1; i > 0 && path[i].size === 0; i--) path[i - 1].delete(key[i - 1]);
  }

  clear(): void {
    this.root.clear();
  }

  /** The map holding the key's last part (created on the way when `create`), or undefined. */
  private lastLevel(key: IndexKey, create: boolean): Level | undefined {
    let level = this.root;
    for (let i = 0; i < key.length - 1; i++) {
      let next = level.get(key[i]) as Level | undefined;
      if (next === undefined) {
        if (!create) return undefined;
        level.set(key[i], (next = new Map()));
      }
      level = next;
    }
    return level;
  }
}
