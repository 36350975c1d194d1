/**
 * What keeps the in-memory read store's cost per operation independent of the collection's size:
 * - unique indexes held as key → owner maps (unique-constraints.ts), so a write checks only the
 *   keys it brings instead of re-checking every stored document;
 * - an equality map for the first field of every declared index (equality-maps.ts, built on first
 *   use), so `find({ indicatorId })` looks at that indicator's documents only;
 * - the insertion order of every `_id`, so narrowed results keep the natural order of a full scan
 *   (only once candidates first need it: nothing else reads it, and the documents map holds the
 *   same order until then, so a replay that is never queried keeps no second map of every id);
 * - for a compound index `{ a: 1, b: 1 }`, the documents of each value of `a` in the order of `b`
 *   (ordered-runs.ts), so a page of `{ a: v }` sorted by `b` reads only the documents it returns;
 * - for a single-field index `{ b: 1 }`, every document in the order of `b` (sorted-field.ts, built on
 *   first use): a page sorted by `b` alone walks from the end it wants and stops once the page is
 *   full, and a range on `b` (`{ recordedAt: { $gte, $lte } }`) is found and counted by binary search;
 * - for a sort on a compound index's fields (`{ indicatorId: 1, metric: 1, period: 1, _id: 1 }`),
 *   every document in that order (compound-order.ts, built on first use), walked the same way.
 *
 * Equality maps also narrow `{ f: { $in: [v, w] } }` (the union of the values' sets).
 *
 * Narrowing only chooses the candidates: the whole filter is still evaluated on them (quick field
 * tests first, mingo where they cannot decide: prefilter.ts), so a query means exactly what it
 * meant on a scan.
 */
import type { IndexDefinition, ReadDocument } from './read-store.port';
import { encodeKey } from './index-values';
import { UniqueConstraints, type CheckedKeys } from './unique-constraints';
import { EqualityMaps } from './equality-maps';
import { OrderedRuns, type OrderedCandidates } from './ordered-runs';
import { SortedField } from './sorted-field';
import { CompoundOrder } from './compound-order';
import { keyRange, numericRange } from './key-range';

export type { CheckedKeys } from './unique-constraints';

export class CollectionLookup {
  private readonly unique = new UniqueConstraints();
  private readonly equality = new EqualityMaps((documents) => this.keepInsertionOrder(documents));
  /** Equality field → the sort fields declared after it in a compound index. */
  private readonly compoundFields = new Map<string, Set<string>>();
  /** Runs per (equality field, sort field), built on first use like the equality maps. */
  private readonly runs: OrderedRuns[] = [];
  /** Fields of the declared single-field indexes: the fields a sorted field may be built for. */
  private readonly singleFields = new Set<string>();
  /** Sorted fields (whole-collection orders and ranges), built on first use. */
  private readonly sortedFields = new Map<string, SortedField>();
  /** Field lists of the declared compound indexes, with whether each is unique. */
  private readonly compoundIndexes: Array<{ fields: readonly string[]; unique: boolean }> = [];
  /** Whole-collection orders of sorts on several fields (compound-order.ts), by their fields, built on first use. */
  private readonly compoundOrders = new Map<string, CompoundOrder>();
  private readonly order = new Map<string, number>();
  /**
   * False until candidates first need sorting into insertion order (an equality map is built, a
   * range narrows): `order` is then filled from the documents and kept.
   */
  private orderKept = false;
  private nextOrder = 0;

  /** Starts maintaining an index over the documents already stored (already checked for uniqueness). */
  define(index: IndexDefinition, documents: Iterable<ReadDocument>): void {
    const [field, sortField] = Object.keys(index.key);
    if (field !== undefined) this.equality.allow(field);
    if (field !== undefined && sortField === undefined) this.singleFields.add(field);
    if (field !== undefined && sortField !== undefined) {
      const sortFields = this.compoundFields.get(field) ?? new Set<string>();
      this.compoundFields.set(field, sortFields.add(sortField));
      this.compoundIndexes.push({ fields: Object.keys(index.key), unique: index.unique === true });
    }
    this.unique.define(index, documents);
  }

  /**
   * Throws DuplicateKeyError when writing `incoming` (a later document with the same `_id` wins)
   * would give two documents one key of a unique index; returns the keys it read, for `written`.
   */
  assertWritable(collection: string, incoming: ReadonlyMap<string, ReadDocument>): CheckedKeys {
    return this.unique.assertWritable(collection, incoming);
  }

  /**
   * Records that `next` replaced `previous` (or was inserted, when `previous` is undefined): with
   * the keys `assertWritable` read, when given `checked` and the document's place in its batch.
   */
  written(previous: ReadDocument | undefined, next: ReadDocument, checked?: CheckedKeys, at = 0): void {
    if (!previous && this.orderKept) this.order.set(next._id, this.nextOrder++);
    this.unique.written(previous, next, checked, at);
    this.equality.written(previous, next);
    for (const runs of this.runs) runs.written(previous, next);
    for (const sorted of this.sortedFields.values()) sorted.written(previous, next);
    for (const order of this.compoundOrders.values()) order.written(previous, next);
  }

  removed(document: ReadDocument): void {
    this.forget(document);
  }

  clear(): void {
    this.unique.clear();
    this.equality.clear();
    for (const runs of this.runs) runs.clear();
    for (const sorted of this.sortedFields.values()) sorted.clear();
    for (const order of this.compoundOrders.values()) order.clear();
    this.order.clear();
  }

  /**
   * The `_id`s that can match `filter`, in insertion order, when a top-level condition can be
   * narrowed (see `narrowest`); null when it must be scanned. `anyOrder` (counting) takes them in
   * any order, and also accepts the members of a run already built.
   */
  candidates(filter: Record<string, unknown>, documents: ReadonlyMap<string, ReadDocument>, anyOrder = false): readonly string[] | null {
    if (anyOrder) {
      for (const [field, value] of Object.entries(filter)) {
        const runs = isScalarValue(value) ? this.runs.find((built) => built.equalityField === field) : undefined;
        if (runs) return runs.members(value as string | number | boolean);
      }
    }
    const best = this.narrowest(filter, documents);
    if (best === null) return null;
    const ids = best.ids();
    if (anyOrder || best.inInsertionOrder) return ids;
    this.keepInsertionOrder(documents);
    return ids.sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }

  /**
   * The fewest candidates a top-level condition gives: an equality or `$in` of scalars on a field
   * with an equality map (the sets of its values, whose members may repeat across them, an array
   * field holding several), or a range of numbers or strings on the field of a single-field index.
   * Null when no condition can narrow.
   */
  private narrowest(filter: Record<string, unknown>, documents: ReadonlyMap<string, ReadDocument>): Narrowing | null {
    let best: Narrowing | null = null;
    for (const [field, condition] of Object.entries(filter)) {
      const narrowing = field.startsWith('$') ? null : (this.equalityNarrowing(field, condition, documents) ?? this.rangeNarrowing(field, condition, documents));
      if (narrowing !== null && (best === null || narrowing.size < best.size)) best = narrowing;
    }
    return best;
  }

  private equalityNarrowing(field: string, condition: unknown, documents: ReadonlyMap<string, ReadDocument>): Narrowing | null {
    const values = scalarsOf(condition);
    const map = values && this.equality.mapOf(field, documents);
    if (!values || !map) return null;
    const sets = values.map((value) => map.get(encodeKey(value)) ?? NO_IDS);
    return {
      size: sets.reduce((total, set) => total + set.size, 0),
      ids: () => (sets.length === 1 ? [...sets[0]] : [...new Set(sets.flatMap((set) => [...set]))]),
      inInsertionOrder: sets.length === 1 && this.equality.inInsertionOrder(sets[0]),
    };
  }

  private rangeNarrowing(field: string, condition: unknown, documents: ReadonlyMap<string, ReadDocument>): Narrowing | null {
    const range = this.singleFields.has(field) ? keyRange(condition) : null;
    if (range === null) return null;
    const members = this.sortedFieldOf(field, documents).within(range);
    return members && { size: members.length, ids: () => [...members], inInsertionOrder: false };
  }

  /**
   * The run that answers `filter` sorted by `sort`: a string, number or boolean equality on the
   * first field of a compound index and a sort on its second field alone. Null when there is none
   * or it cannot answer (see ordered-runs.ts); the caller then scans.
   */
  ordered(filter: Record<string, unknown>, sort: Record<string, unknown>, documents: ReadonlyMap<string, ReadDocument>): OrderedCandidates | null {
    const sortFields = Object.keys(sort);
    if (sortFields.length > 1) return this.compoundOrder(filter, sort, documents);
    if (sortFields.length !== 1) return null;
    const [sortField] = sortFields;
    for (const [field, value] of Object.entries(filter)) {
      if (!isScalarValue(value) || !this.compoundFields.get(field)?.has(sortField)) continue;
      const runs = this.runs.find((built) => built.equalityField === field && built.sortField === sortField) ?? this.buildRuns(field, sortField, documents);
      const run = runs.lookup(value);
      // Membership is the match when the equality is the whole filter.
      return run && { ids: run.ids, exact: run.exact && Object.keys(filter).length === 1 };
    }
    return this.wholeOrder(filter, sortField, documents);
  }

  /**
   * Every document in the order of `sortField` (a single-field index), to walk until the page is
   * full, testing the filter on each: unless the narrowest condition narrows to so few candidates
   * that filtering and sorting those costs less than the walk is expected to.
   */
  private wholeOrder(filter: Record<string, unknown>, sortField: string, documents: ReadonlyMap<string, ReadDocument>): OrderedCandidates | null {
    if (!this.singleFields.has(sortField)) return null;
    const sorted = this.sortedFieldOf(sortField, documents);
    // A numeric range on the sort field itself (a position cursor) is a slice of the order, found by
    // binary search: a page far from either end is not reached by testing everything before it.
    const range = Object.prototype.hasOwnProperty.call(filter, sortField) ? numericRange(filter[sortField]) : null;
    const ids = range ? sorted.orderWithin(range) : sorted.order();
    if (ids === null) return null;
    // Nothing else to test: every member of the slice is a match.
    if (Object.keys(filter).length === (range ? 1 : 0)) return { ids, exact: true };
    const narrowed = this.narrowest(filter, documents);
    if (narrowed === null) return { ids, exact: false };
    // A walk meets a match every documents/candidates members; a page of ~100 then costs about
    // 100 × documents / candidates tests, against the candidates' own filter and sort.
    if (narrowed.size * narrowed.size < WALK_PAGE_ESTIMATE * documents.size) return null;
    // Where the matches sit in the order is unknown (a date range's entries are near one another):
    // a walk that has looked at as many members as there are candidates turns to those, sorted.
    // The candidates in order are computed once, for the reach test and for the page alike.
    let candidates: string[] | undefined;
    const inOrder = () => (candidates ??= sorted.inOrder(narrowed.ids(), documents));
    const budget = narrowed.size;
    return { ids, exact: false, fallback: { budget, ids: inOrder, outOfReach: (descending) => sorted.outOfReach(inOrder(), descending, budget, documents) } };
  }

  /**
   * Every document in the order of a sort on the fields of a declared compound index (see
   * compound-order.ts), all ascending or all descending, to walk as `wholeOrder` walks a single
   * field's order, with the same choice of the narrowest candidates instead when they are few.
   */
  private compoundOrder(filter: Record<string, unknown>, sort: Record<string, unknown>, documents: ReadonlyMap<string, ReadDocument>): OrderedCandidates | null {
    const fields = Object.keys(sort);
    const directions = Object.values(sort);
    // mingo sorts descending for -1 only; the caller walks the order from the end for that.
    if (!directions.every((direction) => direction === -1) && !directions.every((direction) => direction !== -1)) return null;
    const byId = fields[fields.length - 1] === '_id';
    const indexFields = byId ? fields.slice(0, -1) : fields;
    const declared = this.compoundIndexes.some((index) => (index.unique || byId) && sameFields(index.fields, indexFields));
    if (!declared) return null;
    const order = this.compoundOrderOf(fields, documents);
    const ids = order.order();
    if (ids === null) return null;
    if (Object.keys(filter).length === 0) return { ids, exact: true };
    const narrowed = this.narrowest(filter, documents);
    if (narrowed === null) return { ids, exact: false };
    if (narrowed.size * narrowed.size < WALK_PAGE_ESTIMATE * documents.size) return null;
    return { ids, exact: false, fallback: { budget: narrowed.size, ids: () => order.inOrder(narrowed.ids(), documents) } };
  }

  private compoundOrderOf(fields: readonly string[], documents: ReadonlyMap<string, ReadDocument>): CompoundOrder {
    const name = fields.join('\u0000');
    let order = this.compoundOrders.get(name);
    if (!order) this.compoundOrders.set(name, (order = new CompoundOrder(fields, documents.values())));
    return order;
  }

  /** The sorted field of a single-field index's field, built on first use. */
  private sortedFieldOf(field: string, documents: ReadonlyMap<string, ReadDocument>): SortedField {
    let sorted = this.sortedFields.get(field);
    if (!sorted) this.sortedFields.set(field, (sorted = new SortedField(field, documents.values())));
    return sorted;
  }

  /**
   * How many documents match a filter that is a single string equality, when a run already built
   * holds exactly those documents; null otherwise. Builds nothing: counting alone never asks for a run.
   */
  exactCount(filter: Record<string, unknown>): number | null {
    const fields = Object.keys(filter);
    if (fields.length !== 1) return null;
    const value = filter[fields[0]];
    if (typeof value !== 'string') return null;
    const runs = this.runs.find((built) => built.equalityField === fields[0]);
    return runs ? runs.exactCount(value) : null;
  }

  /**
   * How many documents match a filter that is one range of numbers or of strings (`$gt`, `$gte`,
   * `$lt`, `$lte`) on the field of a single-field index, by binary search of its sorted field (built
   * now); null otherwise, or when a member cannot be placed in a range.
   */
  rangeCount(filter: Record<string, unknown>, documents: ReadonlyMap<string, ReadDocument>): number | null {
    const fields = Object.keys(filter);
    if (fields.length !== 1 || !this.singleFields.has(fields[0])) return null;
    const range = keyRange(filter[fields[0]]);
    return range && this.sortedFieldOf(fields[0], documents).countWithin(range);
  }

  /**
   * How many documents match a filter that is one equality or `$in` of scalars on a field with an
   * equality map (built now if the field is indexed), from the sizes of its values' sets, when
   * every member of those sets holds exactly that scalar; null otherwise (the caller counts by testing).
   */
  equalityCount(filter: Record<string, unknown>, documents: ReadonlyMap<string, ReadDocument>): number | null {
    const fields = Object.keys(filter);
    if (fields.length !== 1 || fields[0].startsWith('$')) return null;
    const [field] = fields;
    const values = scalarsOf(filter[field]);
    const map = values && this.equality.mapOf(field, documents);
    if (!values || !map) return null;
    // Exact members hold one scalar each, so the sets of distinct values never share one.
    const keys = new Set(values.map(encodeKey));
    let count = 0;
    for (const key of keys) {
      if (this.equality.inexactCount(field, key) > 0) return null;
      count += map.get(key)?.size ?? 0;
    }
    return count;
  }

  private buildRuns(field: string, sortField: string, documents: ReadonlyMap<string, ReadDocument>): OrderedRuns {
    const runs = new OrderedRuns(field, sortField, documents.values());
    this.runs.push(runs);
    return runs;
  }

  private forget(document: ReadDocument): void {
    this.unique.removed(document);
    this.equality.removed(document);
    for (const runs of this.runs) runs.remove(document);
    for (const sorted of this.sortedFields.values()) sorted.remove(document);
    for (const order of this.compoundOrders.values()) order.remove(document);
    this.order.delete(document._id);
  }

  private keepInsertionOrder(documents: ReadonlyMap<string, ReadDocument>): void {
    if (this.orderKept) return;
    // The documents map iterates in insertion order (a replaced id keeps its place, a removed one
    // leaves it), which is exactly the order `written` and `forget` keep from now on.
    for (const id of documents.keys()) this.order.set(id, this.nextOrder++);
    this.orderKept = true;
  }
}

/** The candidates one top-level condition narrows a filter to. */
interface Narrowing {
  /** How many ids the condition's sets hold (repeats included): what testing them costs. */
  readonly size: number;
  /** The candidates' ids, each once, in no particular order unless `inInsertionOrder`. */
  ids(): string[];
  readonly inInsertionOrder: boolean;
}

const NO_IDS: ReadonlySet<string> = new Set();
/** The page size a walk is assumed to fill when choosing between a whole-collection order and narrowed candidates. */
const WALK_PAGE_ESTIMATE = 100;

/** The values a top-level condition matches by equality: `v`, or every `v` of `{ $in: [...] }` when all are scalars; else null. */
function scalarsOf(condition: unknown): Array<string | number | boolean> | null {
  if (isScalarValue(condition)) return [condition];
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== '$in') return null;
  const values = (condition as { $in: unknown }).$in;
  return Array.isArray(values) && values.length > 0 && values.every(isScalarValue) ? values : null;
}

/** The equality values the maps and runs are keyed for. */
function isScalarValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, i) => field === b[i]);
}
