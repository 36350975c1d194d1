/**
 * One string object per distinct value of the few-valued fields read models keep for every event:
 * event types, stream, indicator and unit ids, metrics, periods, actor ids and roles. The event
 * store parses fresh strings for every event it reads; kept as they come, each of a million
 * entries would hold its own copy of "ProgressReported" or "indicator-ind-10" (a rebuild's heap
 * was a fifth such copies), and the garbage collector would copy them all as they age.
 *
 * Free text and per-event values (reasons, notes, ids of reports and commands, hashes) are never
 * pooled: they do not repeat. The pool is bounded; past MAX_VALUES distinct values a string is
 * kept as it comes, which is only larger, never different.
 */
const MAX_VALUES = 200_000;

const pool = new Map<string, string>();

export function interned(value: string): string {
  const known = pool.get(value);
  if (known !== undefined) return known;
  if (pool.size < MAX_VALUES) pool.set(value, value);
  return value;
}

export function internedOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : interned(value);
}
