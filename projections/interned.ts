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
 *
 * The same for the few-valued objects every entry holds: one frozen actor per person (and unit,
 * and roles), and one frozen empty list.
 */
import type { Role } from '../src/shared/messages';

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

/** Who acted, as an entry names them: the person and the unit they acted for. */
export interface EntryActor {
  readonly id: string;
  readonly unitId: string | null;
}

/** An audit-log entry's actor: also the roles they acted in. */
export interface RoledActor extends EntryActor {
  readonly roles: readonly Role[];
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The one empty list every entry without evidence (or a report without corrections) holds, instead
 * of an array of its own per entry. Typed as a list of T because documents declare lists, but
 * frozen: nothing may add to it in place (a push throws); projections copy lists to change them.
 */
export function emptyList<T>(): T[] {
  return EMPTY as unknown as T[];
}

const MAX_ACTORS = 50_000;
let actorCount = 0;

/** Nested maps, one level per key part, the last holding a shared value. */
type Pool = Map<string | null, unknown>;
const actors: Pool = new Map();
const roledActors: Pool = new Map();

/**
 * The value pooled under the key parts, made (and pooled, while fewer than MAX_ACTORS are) the
 * first time; past the bound a fresh value is made, which is only larger, never different.
 */
function pooled<T>(pool: Pool, parts: ReadonlyArray<string | null>, make: () => T): T {
  const room = actorCount < MAX_ACTORS;
  let level = pool;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = level.get(parts[i]) as Pool | undefined;
    if (next === undefined) {
      if (!room) return make();
      level.set(parts[i], (next = new Map()));
    }
    level = next;
  }
  const last = parts[parts.length - 1];
  let value = level.get(last) as T | undefined;
  if (value === undefined) {
    value = make();
    if (room) {
      level.set(last, value);
      actorCount += 1;
    }
  }
  return value;
}

/**
 * One frozen object per person and unit, shared by every entry they made: the history, the
 * reports' `reportedBy` and `correctedBy`. A few dozen people make a million entries, each of which
 * held its own copy. Frozen because it is shared: nothing may change one entry's actor through
 * another.
 */
export function sharedActor(id: string, unitId: string | null | undefined): EntryActor {
  return pooled(actors, [id, unitId ?? null], () => Object.freeze({ id: interned(id), unitId: internedOrNull(unitId) }));
}

/** `sharedActor` with the roles they acted in, for the audit log. */
export function sharedRoledActor(id: string, unitId: string | null | undefined, roles: readonly Role[]): RoledActor {
  return pooled(roledActors, [id, unitId ?? null, roles.join('\u0000')], () =>
    Object.freeze({ id: interned(id), unitId: internedOrNull(unitId), roles: Object.freeze(roles.map((role) => interned(role) as Role)) }),
  );
}
