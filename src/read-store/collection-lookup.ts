/**
 * What keeps the in-memory read store's cost per operation independent of the collection's size:
 * - unique indexes held as key → owner maps (unique-keys.ts), so a write checks only the keys it
 *   brings instead of re-checking every stored document (a rebuild used to be quadratic in the
 *   event count);
 * - an equality map for the first field of every declared index, so `find({ indicatorId })` looks
 *   at that indicator's documents only, however many the collection holds. A map is built the
 *   first time a query can use it, then kept up to date: fields never queried by equality (dates,
 *   types of an audit trail) cost neither time on every write nor memory;
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
 * meant on a scan. Unique keys follow MongoDB's rules (see
 * unique-index.ts): missing fields index as null, arrays are multikey.
 */
import type { IndexDefinition, ReadDocument } from './read-store.port';
import { DuplicateKeyError } from './read-store.errors';
import { encodeKey, valuesAt } from './index-values';
import { keysOf, type KeysOf } from './unique-index';
import { sameKey, UniqueKeys, type IndexKey } from './unique-keys';
import { OrderedRuns, type OrderedCandidates } from './ordered-runs';
import { isScalarAt } from './scalar-at';
import { SortedField } from './sorted-field';
import { CompoundOrder } from './compound-order';
import { keyRange, numericRange } from './key-range';

interface UniqueIndex {
  definition: IndexDefinition;
  keysOf: KeysOf;
  /** Key → `_id` of the document holding it. */
  owners: UniqueKeys;
}

/**
 * The keys a write brings, read once by `assertWritable` and recorded as they are by `written`: per
 * unique index (in the order they were defined), per document (in the batch's order).
 */
export type CheckedKeys = ReadonlyArray<ReadonlyArray<readonly IndexKey[]>>;

export class CollectionLookup {
  private readonly unique = new Map<string, UniqueIndex>();
  /** Field path → encoded value → `_id`s of the documents with that value there (built on first use). */
  private readonly equality = new Map<string, Map<string, Set<string>>>();
  /**
   * Field → encoded value → how many members of that value's set are not exactly that scalar (an
   * array holds it, or an array is on the way): where there are none, the set is the match of
   * `{ field: value }` and its size is the count.
   */
  private readonly inexact = new Map<string, Map<string, number>>();
  /** First fields of the declared indexes: the fields an equality map may be built for. */
  private readonly indexedFields = new Set<string>();
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
  /** Sets an existing document joined after others: their order is restored by sorting when read. */
  private readonly unordered = new WeakSet<Set<string>>();
  private nextOrder = 0;

  /** Starts maintaining an index over the documents already stored (already checked for uniqueness). */
  define(index: IndexDefinition, documents: Iterable<ReadDocument>): void {
    const [field, sortField] = Object.keys(index.key);
    if (field !== undefined) this.indexedFields.add(field);
    if (field !== undefined && sortField === undefined) this.singleFields.add(field);
    if (field !== undefined && sortField !== undefined) {
      const sortFields = this.compoundFields.get(field) ?? new Set<string>();
      this.compoundFields.set(field, sortFields.add(sortField));
      this.compoundIndexes.push({ fields: Object.keys(index.key), unique: index.unique === true });
    }
    if (!index.unique || this.unique.has(index.name)) return;
    const owners = new UniqueKeys();
    const keysOfIndex = keysOf(index);
    for (const document of documents) for (const key of keysOfIndex(document)) owners.set(key, document._id);
    this.unique.set(index.name, { definition: index, keysOf: keysOfIndex, owners });
  }

  /**
   * Throws DuplicateKeyError when writing `incoming` (a later document with the same `_id` wins)
   * would give two documents one key of a unique index. Checks only the incoming keys.
   */
  assertWritable(collection: string, incoming: ReadonlyMap<string, ReadDocument>): CheckedKeys {
    const checked: Array<Array<readonly IndexKey[]>> = [];
    if (this.unique.size === 0) return checked;
    if (incoming.size === 1) return this.assertOneWritable(collection, incoming);
    for (const { definition, keysOf: keysOfIndex, owners } of this.unique.values()) {
      const taken = new UniqueKeys();
      const perDocument: Array<readonly IndexKey[]> = [];
      checked.push(perDocument);
      // Values, not entries: an entry is an array made per document. A document's key in the batch is its _id.
      for (const document of incoming.values()) {
        const id = document._id;
        const keys = keysOfIndex(document);
        perDocument.push(keys);
        for (const key of keys) {
          const other = taken.get(key);
          if (other === id) continue;
          if (other !== undefined) throw new DuplicateKeyError(collection, definition.name, [other, id]);
          taken.set(key, id);
          const owner = owners.get(key);
          // An owner rewritten in this batch gives up its old keys; its new ones are checked as they come.
          if (owner !== undefined && owner !== id && !incoming.has(owner)) throw new DuplicateKeyError(collection, definition.name, [owner, id]);
        }
      }
    }
    return checked;
  }

  /**
   * `assertWritable` for a batch of one document (a live commit, usually): it cannot collide with
   * itself, so only the stored owners of its keys are asked, without a map of the batch's keys.
   */
  private assertOneWritable(collection: string, incoming: ReadonlyMap<string, ReadDocument>): CheckedKeys {
    const checked: Array<Array<readonly IndexKey[]>> = [];
    for (const [id, document] of incoming) {
      for (const { definition, keysOf: keysOfIndex, owners } of this.unique.values()) {
        const keys = keysOfIndex(document);
        checked.push([keys]);
        for (const key of keys) {
          const owner = owners.get(key);
          if (owner !== undefined && owner !== id) throw new DuplicateKeyError(collection, definition.name, [owner, id]);
        }
      }
    }
    return checked;
  }

  /**
   * Records that `next` replaced `previous` (or was inserted, when `previous` is undefined): with
   * the keys `assertWritable` read, when given `checked` and the document's place in its batch.
   */
  written(previous: ReadDocument | undefined, next: ReadDocument, checked?: CheckedKeys, at = 0): void {
    if (!previous && this.orderKept) this.order.set(next._id, this.nextOrder++);
    let index = 0;
    for (const { keysOf: keysOfIndex, owners } of this.unique.values()) {
      const keys = checked?.[index++]?.[at] ?? keysOfIndex(next);
      if (previous) {
        const before = keysOfIndex(previous);
        // The usual replacement (a corrected report) keeps its one key: nothing to give up.
        const kept = before.length === 1 && keys.length === 1 && sameKey(before[0], keys[0]);
        if (!kept) for (const key of before) if (owners.get(key) === previous._id) owners.delete(key);
      }
      for (const key of keys) owners.set(key, next._id);
    }
    for (const [field, values] of this.equality) {
      // Only keys that change move: an id that keeps its key keeps its place in that key's set.
      const before = previous ? equalityKeys(field, previous) : NO_KEYS;
      const after = equalityKeys(field, next);
      for (const key of before) if (!after.has(key)) this.removeFromSet(values, key, next._id);
      for (const key of after) {
        if (before.has(key)) continue;
        const ids = this.addToSet(values, key, next._id);
        // An existing document joining a key lands at the end of its set, out of insertion order.
        if (previous) this.unordered.add(ids);
      }
      if (previous) this.countInexact(field, previous, before, -1);
      this.countInexact(field, next, after, 1);
    }
    for (const runs of this.runs) runs.written(previous, next);
    for (const sorted of this.sortedFields.values()) sorted.written(previous, next);
    for (const order of this.compoundOrders.values()) order.written(previous, next);
  }

  removed(document: ReadDocument): void {
    this.forget(document);
  }

  clear(): void {
    for (const { owners } of this.unique.values()) owners.clear();
    for (const values of this.equality.values()) values.clear();
    for (const counts of this.inexact.values()) counts.clear();
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
    const map = values && this.equalityMapOf(field, documents);
    if (!values || !map) return null;
    const sets = values.map((value) => map.get(encodeKey(value)) ?? NO_IDS);
    return {
      size: sets.reduce((total, set) => total + set.size, 0),
      ids: () => (sets.length === 1 ? [...sets[0]] : [...new Set(sets.flatMap((set) => [...set]))]),
      inInsertionOrder: sets.length === 1 && !this.unordered.has(sets[0]),
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
    return { ids, exact: false, fallback: { budget: narrowed.size, ids: () => sorted.inOrder(narrowed.ids(), documents) } };
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
    const map = values && this.equalityMapOf(field, documents);
    if (!values || !map) return null;
    // Exact members hold one scalar each, so the sets of distinct values never share one.
    const keys = new Set(values.map(encodeKey));
    const inexact = this.inexact.get(field);
    let count = 0;
    for (const key of keys) {
      if ((inexact?.get(key) ?? 0) > 0) return null;
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
    for (const { keysOf: keysOfIndex, owners } of this.unique.values()) {
      for (const key of keysOfIndex(document)) if (owners.get(key) === document._id) owners.delete(key);
    }
    for (const [field, values] of this.equality) {
      const keys = equalityKeys(field, document);
      for (const key of keys) this.removeFromSet(values, key, document._id);
      this.countInexact(field, document, keys, -1);
    }
    for (const runs of this.runs) runs.remove(document);
    for (const sorted of this.sortedFields.values()) sorted.remove(document);
    for (const order of this.compoundOrders.values()) order.remove(document);
    this.order.delete(document._id);
  }

  private removeFromSet(values: Map<string, Set<string>>, key: string, id: string): void {
    const ids = values.get(key);
    ids?.delete(id);
    if (ids && ids.size === 0) values.delete(key);
  }

  private addToSet(values: Map<string, Set<string>>, key: string, id: string): Set<string> {
    let ids = values.get(key);
    if (!ids) values.set(key, (ids = new Set()));
    ids.add(id);
    return ids;
  }

  /** The field's equality map: kept, built now for an indexed field, else undefined. */
  private equalityMapOf(field: string, documents: ReadonlyMap<string, ReadDocument>): Map<string, Set<string>> | undefined {
    return this.equality.get(field) ?? (this.indexedFields.has(field) ? this.buildEquality(field, documents) : undefined);
  }

  private buildEquality(field: string, documents: ReadonlyMap<string, ReadDocument>): Map<string, Set<string>> {
    this.keepInsertionOrder(documents);
    const values = new Map<string, Set<string>>();
    this.equality.set(field, values);
    for (const document of documents.values()) this.addEquality(field, document);
    return values;
  }

  private keepInsertionOrder(documents: ReadonlyMap<string, ReadDocument>): void {
    if (this.orderKept) return;
    // The documents map iterates in insertion order (a replaced id keeps its place, a removed one
    // leaves it), which is exactly the order `written` and `forget` keep from now on.
    for (const id of documents.keys()) this.order.set(id, this.nextOrder++);
    this.orderKept = true;
  }

  private addEquality(field: string, document: ReadDocument): void {
    const values = this.equality.get(field)!;
    const keys = equalityKeys(field, document);
    for (const key of keys) this.addToSet(values, key, document._id);
    this.countInexact(field, document, keys, 1);
  }

  /** Counts `document` in (+1) or out (-1) of the inexact members of its keys, when it is one. */
  private countInexact(field: string, document: ReadDocument, keys: ReadonlySet<string>, change: 1 | -1): void {
    if (isScalarAt(document, field.split('.'))) return;
    let counts = this.inexact.get(field);
    if (!counts) this.inexact.set(field, (counts = new Map()));
    for (const key of keys) {
      const count = (counts.get(key) ?? 0) + change;
      if (count === 0) counts.delete(key);
      else counts.set(key, count);
    }
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

const NO_KEYS: ReadonlySet<string> = new Set();
const NO_IDS: Set<string> = new Set();
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

function equalityKeys(field: string, document: ReadDocument): Set<string> {
  return new Set(valuesAt(document, field.split('.')).map(encodeKey));
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, i) => field === b[i]);
}
