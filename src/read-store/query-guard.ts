/**
 * Refuses query parts that are dangerous when the query language is evaluated in this process:
 * operators that execute JavaScript, and keys or field paths that walk into prototypes. It is
 * exported so the MongoDB adapter can refuse the same things (a server may have scripting on).
 *
 * This is not the HTTP layer's filter: that one must refuse every user-supplied `$` key. Here we
 * only stop what could run code or touch prototypes, whoever built the query.
 */
import { isDate, isPlainObject, isRegExp } from './plain-values';
import { UnsafeQueryError } from './read-store.errors';

/** Operators that run JavaScript: `$where` in filters, `$function` in expressions, `$accumulator` in `$group`. */
const SCRIPT_OPERATORS: ReadonlySet<string> = new Set(['$where', '$function', '$accumulator']);

/** Stages that write to a collection. Reads must never write; the runner writes through `commit`. */
const WRITE_STAGES: ReadonlySet<string> = new Set(['$out', '$merge']);

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Checks a filter, sort spec or projection. */
export function assertSafeQuery(query: unknown): void {
  inspect(query, '', SCRIPT_OPERATORS, new Set());
}

/** Checks an aggregation pipeline: the same as a filter, and no stage may write. */
export function assertSafePipeline(pipeline: readonly unknown[]): void {
  inspect(pipeline, '', new Set([...SCRIPT_OPERATORS, ...WRITE_STAGES]), new Set());
}

function inspect(value: unknown, path: string, forbidden: ReadonlySet<string>, ancestors: Set<object>): void {
  if (typeof value === 'function') throw new UnsafeQueryError(path, 'functions are not allowed in a query');
  if (typeof value === 'string') return inspectFieldPath(value, path);
  if (value === null || typeof value !== 'object') return;
  // Dates and regular expressions are legitimate values with nothing inside to walk.
  if (isDate(value) || isRegExp(value)) return;
  if (ancestors.has(value)) throw new UnsafeQueryError(path, 'the query refers to itself');

  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => inspect(item, join(path, String(i)), forbidden, ancestors));
  } else {
    // `{ __proto__: {...} }` written as a literal sets the prototype instead of adding a key; refuse
    // anything but plain objects so nothing can hide in an inherited property.
    if (!isPlainObject(value)) {
      throw new UnsafeQueryError(path, 'only plain objects, arrays, dates and regular expressions are allowed');
    }
    for (const key of Object.keys(value)) {
      inspectKey(key, join(path, key), forbidden);
      inspect((value as Record<string, unknown>)[key], join(path, key), forbidden, ancestors);
    }
  }
  ancestors.delete(value);
}

function inspectKey(key: string, path: string, forbidden: ReadonlySet<string>): void {
  if (forbidden.has(key)) throw new UnsafeQueryError(path, `operator ${key} is not allowed`);
  if (key.split('.').some((segment) => PROTOTYPE_KEYS.has(segment))) {
    throw new UnsafeQueryError(path, `key ${JSON.stringify(key)} reaches an object prototype`);
  }
}

/** A string starting with `$` is a field path in an expression (`$unit.id`, `$$ROOT.name`). */
function inspectFieldPath(value: string, path: string): void {
  if (!value.startsWith('$')) return;
  const segments = value.replace(/^\$+/, '').split('.');
  if (segments.some((segment) => PROTOTYPE_KEYS.has(segment))) {
    throw new UnsafeQueryError(path, `field path ${JSON.stringify(value)} reaches an object prototype`);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
