/**
 * Per declared compound index `{ a: 1, b: 1 }`: for each value of `a`, the `_id`s of the documents
 * holding it, kept in ascending order of `b`. A query `{ a: v, ... }` sorted by `b` alone can then
 * walk the run from either end and stop once its page is full, instead of filtering and sorting
 * every document with that `a` (the history of an indicator: `{ indicatorId }` by `revision`).
 *
 * A run only answers when that is provably what mingo's sort gives: every member's `b` is a plain
 * number (no array on the way) and no two are equal. mingo sorts such keys numerically and keeps
 * nothing else to tie-break, so its order is the run or the run reversed, whatever order the
 * candidates came in. Anything else (a missing `b`, a string, a tie) makes the run decline until
 * the next write to it, and the caller scans.
 *
 * Runs only narrow: the caller still evaluates its filter on each member, except where the run is
 * `exact` for a string value (every member holds exactly that string at `a`, reached through no
 * array), where membership is the equality's match and the run's length is its count.
 *
 * Members join in arrival order; projections write entries in position order, so a run grows by
 * appending and only an out-of-order write makes it sort itself again (once, on the next read).
 */
import type { ReadDocument } from './read-store.port';
import { encodeKey, valuesAt } from './index-values';
import { NOT_SCALAR, scalarAt } from './scalar-at';

/** The documents a run can answer for, in ascending order of the sort field. */
export interface OrderedCandidates {
  readonly ids: readonly string[];
  /**
   * Membership is exactly the match (the count is `ids.length`): from a run, of `{ [field]: value }`;
   * as CollectionLookup.ordered answers it, of the whole filter the caller asked with.
   */
  readonly exact: boolean;
  /**
   * For a walk that may turn out long (the matches of a date range far from the end it starts at):
   * once it has looked at `budget` members without filling its page, the page is taken from `ids()`
   * instead, the narrowed candidates in the same order, which cost about as much as the budget to sort.
   */
  readonly fallback?: {
    readonly budget: number;
    ids(): readonly string[];
    /**
     * True when no candidate sits within `budget` members of the end the walk starts from (the
     * matches of a date window far back in the log): the walk could only give up, so it is skipped.
     */
    outOfReach?(descending: boolean): boolean;
  };
}

type RunState = 'sorted' | 'unsorted' | 'declines';

/** One value of the equality field: its members' ids and sort keys, side by side. */
class Run {
  ids: string[] = [];
  /** The sort field's value, or null when it is not a plain number. */
  keys: Array<number | null> = [];
  /** Members whose equality field is not a plain scalar (an array, or reached through one). */
  inexactMembers = 0;
  state: RunState = 'sorted';

  add(id: string, key: number | null, exactMember: boolean): void {
    const last = this.keys.length > 0 ? this.keys[this.keys.length - 1] : undefined;
    if (this.state !== 'sorted' || key === null || (last !== undefined && (last === null || key <= last))) this.state = 'unsorted';
    this.ids.push(id);
    this.keys.push(key);
    if (!exactMember) this.inexactMembers++;
  }

  remove(id: string, exactMember: boolean): void {
    const at = this.ids.indexOf(id);
    if (at < 0) return;
    this.ids.splice(at, 1);
    this.keys.splice(at, 1);
    if (!exactMember) this.inexactMembers--;
    // Removing keeps a sorted run sorted; a run that declined may have lost the member it declined for.
    if (this.state === 'declines') this.state = 'unsorted';
  }

  /** Sorts an out-of-order run once; false when its keys cannot be ordered like mingo would. */
  servable(): boolean {
    if (this.state === 'unsorted') this.state = this.reorder() ? 'sorted' : 'declines';
    return this.state === 'sorted';
  }

  private reorder(): boolean {
    const order = this.keys.map((_, i) => i);
    if (this.keys.some((key) => key === null)) return false;
    const keys = this.keys as number[];
    order.sort((a, b) => keys[a] - keys[b]);
    for (let i = 1; i < order.length; i++) if (!(keys[order[i]] > keys[order[i - 1]])) return false;
    this.ids = order.map((i) => this.ids[i]);
    this.keys = order.map((i) => keys[i]);
    return true;
  }
}

export class OrderedRuns {
  /** Encoded value of the equality field → its run. */
  private readonly runs = new Map<string, Run>();
  private readonly equalityPath: readonly string[];
  private readonly sortPath: readonly string[];

  constructor(
    readonly equalityField: string,
    readonly sortField: string,
    documents: Iterable<ReadDocument>,
  ) {
    this.equalityPath = equalityField.split('.');
    this.sortPath = sortField.split('.');
    for (const document of documents) this.add(document);
  }

  /** The run of `value`, or null when it cannot serve a sort by the sort field. An absent value has an empty run. */
  lookup(value: string | number | boolean): OrderedCandidates | null {
    const run = this.runs.get(encodeKey(value));
    if (!run) return { ids: [], exact: true };
    if (!run.servable()) return null;
    return { ids: run.ids, exact: typeof value === 'string' && run.inexactMembers === 0 };
  }

  /** Every document found under `value`, in no particular order (for counting, where order does not matter). */
  members(value: string | number | boolean): readonly string[] {
    return this.runs.get(encodeKey(value))?.ids ?? [];
  }

  /**
   * How many documents hold exactly the string `value` at the equality field, in any order (so
   * also when the run declines to sort); null when a member holds it inside an array.
   */
  exactCount(value: string): number | null {
    const run = this.runs.get(encodeKey(value));
    if (!run) return 0;
    return run.inexactMembers === 0 ? run.ids.length : null;
  }

  written(previous: ReadDocument | undefined, next: ReadDocument): void {
    // A document that keeps its value and its sort key keeps its place.
    if (previous && this.sameMembership(previous, next)) return;
    if (previous) this.remove(previous);
    this.add(next);
  }

  remove(document: ReadDocument): void {
    const exactMember = scalarAt(document, this.equalityPath) !== NOT_SCALAR;
    for (const key of this.keysOf(document)) {
      const run = this.runs.get(key);
      run?.remove(document._id, exactMember);
      if (run && run.ids.length === 0) this.runs.delete(key);
    }
  }

  clear(): void {
    this.runs.clear();
  }

  private add(document: ReadDocument): void {
    const exactMember = scalarAt(document, this.equalityPath) !== NOT_SCALAR;
    const sortKey = scalarAt(document, this.sortPath);
    const key = typeof sortKey === 'number' && !Number.isNaN(sortKey) ? sortKey : null;
    for (const encoded of this.keysOf(document)) {
      let run = this.runs.get(encoded);
      if (!run) this.runs.set(encoded, (run = new Run()));
      run.add(document._id, key, exactMember);
    }
  }

  private sameMembership(previous: ReadDocument, next: ReadDocument): boolean {
    const before = scalarAt(previous, this.equalityPath);
    const after = scalarAt(next, this.equalityPath);
    if (before === NOT_SCALAR || after === NOT_SCALAR || encodeKey(before) !== encodeKey(after)) return false;
    return Object.is(scalarAt(previous, this.sortPath), scalarAt(next, this.sortPath));
  }

  /** The encoded values a document is found under: the equality map's multikey rules. */
  private keysOf(document: ReadDocument): Set<string> {
    return new Set(valuesAt(document, this.equalityPath).map(encodeKey));
  }
}
