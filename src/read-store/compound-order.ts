/**
 * Every document in the order of a sort on several fields: the fields of a declared compound index,
 * in its order, ending with `_id` unless the index is unique. `GET /progress-reports` sorts every
 * report of the year by indicator, metric and period; without this order each page read and ranked
 * every report (≈ 20–50 ms at 48,000 reports, a page deep in the list the most), with it a page walks
 * from the start of the order and stops once full.
 *
 * It is mingo's order exactly when, at every sort field, every member holds a plain string, or every
 * member holds a plain number (`<` is then mingo's comparison), and no two members tie: guaranteed,
 * as the sort ends with `_id` or covers a unique index's fields (and then its values are plain, so
 * the index holds one key per member). Otherwise `order()` declines and mingo sorts.
 *
 * Built on first use, then kept in step with every write: a write that keeps its sort values (a
 * corrected report) costs nothing, a new member is put in its place by binary search. A long run of
 * such inserts (a catch-up after the order was read) would move the list once for each; past a
 * budget, members are appended and the list sorts itself once, on the next read.
 */
import type { ReadDocument } from './read-store.port';
import { firstIndexWhere } from './binary-search';
import { scalarAt } from './scalar-at';

type SortValue = string | number;

/** Inserts by binary search between two full sorts: each moves the list once. */
const INSERTS_PER_SORT = 1024;

export class CompoundOrder {
  private readonly paths: ReadonlyArray<readonly string[]>;
  private ids: string[] = [];
  /** Each member's values at the sort fields, beside `ids`. */
  private keys: unknown[][] = [];
  private sorted = true;
  private insertsLeft = INSERTS_PER_SORT;
  /** Per sort field: how many members hold a plain string there, and how many a plain number. */
  private readonly strings: number[];
  private readonly numbers: number[];
  /** Members holding anything else at some sort field (missing, null, NaN, an array…). */
  private unsortable = 0;

  constructor(
    readonly fields: readonly string[],
    documents: Iterable<ReadDocument>,
  ) {
    this.paths = fields.map((field) => field.split('.'));
    this.strings = fields.map(() => 0);
    this.numbers = fields.map(() => 0);
    for (const document of documents) this.add(document, false);
  }

  /** Every member in ascending order of the fields, or null when that is not mingo's order (see above). */
  order(): readonly string[] | null {
    if (!this.sortable()) return null;
    this.sort();
    return this.ids;
  }

  /** Some members, in the order a walk of `order()` would meet them (only while `order()` serves). */
  inOrder(ids: readonly string[], documents: ReadonlyMap<string, ReadDocument>): string[] {
    const keyed: Array<{ id: string; key: unknown[] }> = [];
    for (const id of ids) {
      const document = documents.get(id);
      if (document !== undefined) keyed.push({ id, key: this.keyOf(document) });
    }
    return keyed.sort((a, b) => compareKeys(a.key, b.key)).map((member) => member.id);
  }

  written(previous: ReadDocument | undefined, next: ReadDocument): void {
    const key = this.keyOf(next);
    // The usual replacement keeps its sort values, and so its place.
    if (previous && sameValues(this.keyOf(previous), key)) return;
    if (previous) this.remove(previous);
    this.add(next, true, key);
  }

  remove(document: ReadDocument): void {
    const key = this.keyOf(document);
    const found = this.indexOf(document._id, key);
    if (found < 0) return;
    this.ids.splice(found, 1);
    this.keys.splice(found, 1);
    this.count(key, -1);
  }

  clear(): void {
    [this.ids, this.keys, this.sorted, this.insertsLeft, this.unsortable] = [[], [], true, INSERTS_PER_SORT, 0];
    this.strings.fill(0);
    this.numbers.fill(0);
  }

  private add(document: ReadDocument, keepSorted: boolean, key = this.keyOf(document)): void {
    this.count(key, 1);
    const last = this.keys.length > 0 ? this.keys[this.keys.length - 1] : undefined;
    const placeable = keepSorted && this.sorted && this.sortable();
    if (placeable && (last === undefined || compareKeys(key, last) >= 0)) {
      this.ids.push(document._id);
      this.keys.push(key);
    } else if (placeable && this.insertsLeft > 0) {
      this.insertsLeft -= 1;
      const at = this.firstIndex((other) => compareKeys(other, key) > 0);
      this.ids.splice(at, 0, document._id);
      this.keys.splice(at, 0, key);
    } else {
      // Sorted once, on the next read: the first build, a budget spent, or values `<` cannot order.
      this.sorted = false;
      this.ids.push(document._id);
      this.keys.push(key);
    }
  }

  private sortable(): boolean {
    if (this.unsortable > 0) return false;
    for (let i = 0; i < this.fields.length; i++) if (this.strings[i] > 0 && this.numbers[i] > 0) return false;
    return true;
  }

  private count(key: readonly unknown[], delta: 1 | -1): void {
    let plain = true;
    for (let i = 0; i < key.length; i++) {
      const value = key[i];
      if (typeof value === 'string') this.strings[i] += delta;
      else if (typeof value === 'number' && !Number.isNaN(value)) this.numbers[i] += delta;
      else plain = false;
    }
    if (!plain) this.unsortable += delta;
  }

  private keyOf(document: ReadDocument): unknown[] {
    return this.paths.map((path) => scalarAt(document, path));
  }

  /** Where the member is: by binary search among its equals while the list is sorted, else by scan. */
  private indexOf(id: string, key: readonly unknown[]): number {
    const from = this.sorted && this.sortable() ? this.firstIndex((other) => compareKeys(other, key) >= 0) : 0;
    return this.ids.indexOf(id, from);
  }

  /** The first index where `reached` holds (it holds from there on), or the list's length. */
  private firstIndex(reached: (key: unknown[]) => boolean): number {
    return firstIndexWhere(this.keys.length, (index) => reached(this.keys[index]));
  }

  private sort(): void {
    if (this.sorted) return;
    const keys = this.keys;
    const order = keys.map((_, i) => i).sort((a, b) => compareKeys(keys[a], keys[b]));
    this.ids = order.map((i) => this.ids[i]);
    this.keys = order.map((i) => keys[i]);
    this.sorted = true;
    this.insertsLeft = INSERTS_PER_SORT;
  }
}

/** Field by field; only called on plain strings and numbers of one kind per field (see `sortable`). */
function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SortValue;
    const y = b[i] as SortValue;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
