/**
 * Per declared single-field index `{ f: 1 }`: every document's `_id` in ascending order of `f`,
 * numbers and strings in lists of their own (a range bound of one type never matches the other),
 * ties allowed. Built on first use, then kept in step with every write. It answers:
 * - the members within a range, and how many they are, by binary search: `{ recordedAt: { $gte, $lte } }`
 *   on the audit log counts without testing every entry;
 * - the order of a sort by `f` alone (a page of the global audit log, newest first), when that is
 *   provably mingo's order: every member holds a plain number and no two are equal. mingo keeps
 *   nothing else to tie-break, so its order is this one or its reverse.
 *
 * A member whose value cannot be placed (an array on the way or at the end, an object, NaN) makes
 * both decline, and the caller scans: mingo may match such a member by one of its elements. A member
 * holding anything else (missing, null, a boolean) is in no range, and makes only the sort decline.
 */
import type { KeyRange } from './key-range';
import type { ReadDocument } from './read-store.port';
import { firstIndexWhere } from './binary-search';
import { NOT_SCALAR, scalarAt } from './scalar-at';

export class SortedField {
  private readonly path: readonly string[];
  private readonly numbers = new KeyList<number>();
  private readonly strings = new KeyList<string>();
  /** Members that hold neither a number nor a string: in no range, but unsortable here. */
  private elsewhere = 0;
  /** Members a range cannot place (see above). */
  private unplaceable = 0;

  constructor(
    readonly field: string,
    documents: Iterable<ReadDocument>,
  ) {
    this.path = field.split('.');
    // Sorted once, on first read: the documents come in insertion order, not the field's.
    for (const document of documents) this.add(document, false);
  }

  /** Every member in ascending order of the field, or null when that is not mingo's order (see above). */
  order(): readonly string[] | null {
    const sortable = this.strings.size === 0 && this.elsewhere === 0 && this.unplaceable === 0 && !this.numbers.hasTies();
    return sortable ? this.numbers.sortedIds() : null;
  }

  /** The members within a numeric range in ascending order, as a slice of `order()`; null when that declines. */
  orderWithin(range: KeyRange<number>): readonly string[] | null {
    return this.order() && this.numbers.within(range);
  }

  /**
   * Some members in ascending order of the field, sorted by their own values: what a walk of
   * `order()` would meet of them, in the same order. Only when `order()` serves (each member holds
   * a distinct plain number).
   */
  inOrder(ids: readonly string[], documents: ReadonlyMap<string, ReadDocument>): string[] {
    // Keys in a typed array beside the ids, no object per member: the candidates of an audit-log
    // date window (thousands of entries) are sorted by position on every such request, and they
    // usually come in that order already (times follow positions), which one pass confirms.
    const found: string[] = [];
    const keys = new Float64Array(ids.length);
    let ascending = true;
    for (const id of ids) {
      const document = documents.get(id);
      if (document === undefined) continue;
      const key = scalarAt(document, this.path) as number;
      if (found.length > 0 && key < keys[found.length - 1]) ascending = false;
      keys[found.length] = key;
      found.push(id);
    }
    if (ascending) return found;
    const order = Array.from(found, (_, index) => index).sort((a, b) => keys[a] - keys[b]);
    return order.map((index) => found[index]);
  }

  /**
   * Whether a walk of `order()` from one end would pass `budget` members before meeting any of
   * `members` (in ascending order, as `inOrder` gives them): the nearest one's key tells how many
   * members lie beyond it, by binary search.
   */
  outOfReach(members: readonly string[], descending: boolean, budget: number, documents: ReadonlyMap<string, ReadDocument>): boolean {
    const nearest = members.length === 0 ? undefined : documents.get(members[descending ? members.length - 1 : 0]);
    if (nearest === undefined) return true;
    const key = scalarAt(nearest, this.path) as number;
    const before = this.numbers.countWithin(descending ? { lower: { value: key, inclusive: false } } : { upper: { value: key, inclusive: false } });
    return before >= budget;
  }

  /** The members within the range, in ascending order of the field; null when a member cannot be placed. */
  within(range: KeyRange): readonly string[] | null {
    return this.unplaceable > 0 ? null : this.listFor(range).within(range);
  }

  /** How many members are within the range; null when a member cannot be placed. */
  countWithin(range: KeyRange): number | null {
    return this.unplaceable > 0 ? null : this.listFor(range).countWithin(range);
  }

  written(previous: ReadDocument | undefined, next: ReadDocument): void {
    // The usual write keeps its value (an entry is written once; a document updated in place keeps
    // its number) and so its place: no search through the list.
    if (previous && Object.is(scalarAt(previous, this.path), scalarAt(next, this.path))) return;
    if (previous) this.remove(previous);
    this.add(next, true);
  }

  remove(document: ReadDocument): void {
    const value = placed(scalarAt(document, this.path));
    if (value === NOT_SCALAR) this.unplaceable--;
    else if (typeof value === 'number') this.numbers.remove(document._id, value);
    else if (typeof value === 'string') this.strings.remove(document._id, value);
    else this.elsewhere--;
  }

  clear(): void {
    this.numbers.clear();
    this.strings.clear();
    this.elsewhere = 0;
    this.unplaceable = 0;
  }

  private add(document: ReadDocument, keepSorted: boolean): void {
    const value = placed(scalarAt(document, this.path));
    if (value === NOT_SCALAR) this.unplaceable++;
    else if (typeof value === 'number') this.numbers.add(document._id, value, keepSorted);
    else if (typeof value === 'string') this.strings.add(document._id, value, keepSorted);
    else this.elsewhere++;
  }

  private listFor(range: KeyRange): KeyList<number | string> {
    return typeof (range.lower ?? range.upper)?.value === 'number' ? this.numbers : this.strings;
  }
}

/** NaN compares equal to everything in mingo's ranges: it is treated as a value no range can place. */
function placed(value: unknown): unknown {
  return typeof value === 'number' && Number.isNaN(value) ? NOT_SCALAR : value;
}

/** Ids and their keys side by side, in ascending order of key once read (see `add`). */
class KeyList<K extends number | string> {
  private ids: string[] = [];
  private keys: K[] = [];
  private sorted = true;
  /** Whether two keys are equal; undefined until counted again (after a sort or a removal). */
  private tied: boolean | undefined = false;

  get size(): number {
    return this.ids.length;
  }

  /**
   * Members join at the end when their key is not below the last one (the usual write). One that
   * comes in out of order (a clock behind another instance's) is put in its place when `keepSorted`
   * and the list is sorted, so a query never re-sorts the list for it; otherwise (the first build)
   * the list sorts itself once, on the next read.
   */
  add(id: string, key: K, keepSorted: boolean): void {
    const last = this.keys.length > 0 ? this.keys[this.keys.length - 1] : undefined;
    if (last === undefined || key >= last) {
      if (key === last && this.tied === false) this.tied = true;
      this.ids.push(id);
      this.keys.push(key);
    } else if (keepSorted && this.sorted) {
      const at = this.firstIndex((other) => other > key);
      if (at > 0 && this.keys[at - 1] === key && this.tied === false) this.tied = true;
      this.ids.splice(at, 0, id);
      this.keys.splice(at, 0, key);
    } else {
      [this.sorted, this.tied] = [false, undefined];
      this.ids.push(id);
      this.keys.push(key);
    }
  }

  remove(id: string, key: K): void {
    this.sort();
    // Ties sit together: look for the id among the members with its key only.
    const at = this.ids.indexOf(id, this.firstIndex((other) => other >= key));
    if (at < 0) return;
    this.ids.splice(at, 1);
    this.keys.splice(at, 1);
    // Removing keeps the list sorted, and may leave no tie.
    if (this.tied) this.tied = undefined;
  }

  clear(): void {
    [this.ids, this.keys, this.sorted, this.tied] = [[], [], true, false];
  }

  sortedIds(): readonly string[] {
    this.sort();
    return this.ids;
  }

  hasTies(): boolean {
    this.sort();
    if (this.tied === undefined) this.tied = this.keys.some((key, i) => i > 0 && key === this.keys[i - 1]);
    return this.tied;
  }

  within(range: KeyRange): readonly string[] {
    const { from, to } = this.bounds(range);
    return this.ids.slice(from, Math.max(from, to));
  }

  countWithin(range: KeyRange): number {
    const { from, to } = this.bounds(range);
    return Math.max(0, to - from);
  }

  /** Where the keys within the range start and end (binary search). */
  private bounds(range: KeyRange): { from: number; to: number } {
    this.sort();
    const { lower, upper } = range as KeyRange<K>;
    const from = lower === undefined ? 0 : this.firstIndex((key) => (lower.inclusive ? key >= lower.value : key > lower.value));
    const to = upper === undefined ? this.keys.length : this.firstIndex((key) => (upper.inclusive ? key > upper.value : key >= upper.value));
    return { from, to };
  }

  /** The first index where `reached` holds (it holds from there on), or the list's length. */
  private firstIndex(reached: (key: K) => boolean): number {
    return firstIndexWhere(this.keys.length, (index) => reached(this.keys[index]));
  }

  private sort(): void {
    if (this.sorted) return;
    const keys = this.keys;
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    this.ids = order.map((i) => this.ids[i]);
    this.keys = order.map((i) => keys[i]);
    this.sorted = true;
  }
}
