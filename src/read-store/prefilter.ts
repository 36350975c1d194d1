/**
 * The filter as a test of many documents (a walk in sort order, a count), with mingo's own test,
 * about a microsecond a document, asked only where a few field reads cannot answer.
 *
 * The quick part understands a filter's top-level equalities on strings, numbers and booleans, its
 * `$in` of those, and its ranges of numbers or strings, and decides them on documents whose value
 * there is one plain scalar, exactly as mingo does: strict equality (-0 equals 0), and a range
 * compares only values of its bounds' type (key-range.ts). A value it cannot decide (an array on the
 * way or at the end, an object, NaN) and any condition it does not understand are left to mingo.
 */
import { keyRange, rangeTester } from './key-range';
import { compileFilter } from './mingo-query';
import type { Filter, ReadDocument } from './read-store.port';
import { NOT_SCALAR, scalarAt } from './scalar-at';

type Test = (document: ReadDocument) => boolean;

/** The filter compiled by mingo (what it refuses is refused now, before any test) behind its quick tests. */
export function compileWithQuickTests(filter: Filter): Test {
  const matches = compileFilter(filter);
  if (filter === null || typeof filter !== 'object') return matches;
  // The empty filter matches everything: nothing to test.
  if (Object.keys(filter).length === 0) return () => true;
  return withQuickTests(filter as Record<string, unknown>, matches);
}

interface QuickCondition {
  path: readonly string[];
  accepts: (value: unknown) => boolean;
}

/**
 * `full` (the whole filter, compiled by mingo) behind the quick tests: a document one of them
 * refuses is refused, one that passes every condition of the filter is a match, and any other goes
 * to `full`.
 */
export function withQuickTests(filter: Record<string, unknown>, full: Test): Test {
  const conditions: QuickCondition[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    const accepts = field.startsWith('$') ? null : valueTest(condition);
    if (accepts !== null) conditions.push({ path: field.split('.'), accepts });
  }
  if (conditions.length === 0) return full;
  const complete = conditions.length === Object.keys(filter).length;
  return (document) => {
    let decided = complete;
    for (const { path, accepts } of conditions) {
      const value = scalarAt(document, path);
      if (value === NOT_SCALAR || Number.isNaN(value)) decided = false;
      else if (!accepts(value)) return false;
    }
    return decided || full(document);
  };
}

/** What a plain scalar must satisfy to match `condition`; null when the condition is not understood here. */
function valueTest(condition: unknown): ((value: unknown) => boolean) | null {
  if (isComparableScalar(condition)) return (value) => value === condition;
  if (isOnlyIn(condition)) {
    const values = new Set<unknown>(condition.$in);
    // A Set tells -0 from 0 no more than === does: SameValueZero.
    return (value) => values.has(value);
  }
  const range = keyRange(condition);
  return range && rangeTester(range);
}

function isComparableScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value));
}

/** `{ $in: [...] }` and nothing else, every value a comparable scalar (no null: it also matches a missing field). */
function isOnlyIn(condition: unknown): condition is { $in: Array<string | number | boolean> } {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return false;
  const operators = Object.keys(condition);
  const values = (condition as { $in?: unknown }).$in;
  return operators.length === 1 && operators[0] === '$in' && Array.isArray(values) && values.length > 0 && values.every(isComparableScalar);
}
