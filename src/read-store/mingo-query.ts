/**
 * The MongoDB query language evaluated by mingo, behind the query guard. Every entry point checks
 * the query first and turns mingo's own errors into InvalidQueryError, so a malformed analyst
 * query is a 400, never a 500.
 *
 * mingo's default entry point loads every operator (query, projection, pipeline incl. $lookup,
 * accumulator, expression, window). `scriptEnabled: false` is a second lock behind the guard on
 * `$where`, `$function` and `$accumulator`.
 */
import { Aggregator, Query, find } from 'mingo';
import { LedgerError } from '../shared/errors';
import type { Filter, FindOptions, ReadDocument } from './read-store.port';
import { assertSafePipeline, assertSafeQuery } from './query-guard';
import { InvalidQueryError } from './read-store.errors';

const MINGO_OPTIONS = { scriptEnabled: false } as const;

type Source = readonly ReadDocument[];

/** Matching documents with sort, skip, limit and projection applied in MongoDB's order. */
export function findDocuments(documents: Source, filter: Filter, options: FindOptions = {}): Record<string, unknown>[] {
  const { skip, limit } = checkedFindOptions(filter, options);
  return translatingErrors(() => {
    const cursor = find(documents, filter, options.projection ?? {}, MINGO_OPTIONS);
    if (options.sort) cursor.sort(options.sort);
    if (skip > 0) cursor.skip(skip);
    // MongoDB reads limit 0 as "no limit"; mingo would return nothing.
    if (limit > 0) cursor.limit(limit);
    return cursor.all() as Record<string, unknown>[];
  });
}

/** Refuses what `findDocuments` refuses before it runs: unsafe query parts, a bad skip or limit. */
export function checkedFindOptions(filter: Filter, options: FindOptions): { skip: number; limit: number } {
  assertSafeQuery(filter);
  if (options.sort) assertSafeQuery(options.sort);
  if (options.projection) assertSafeQuery(options.projection);
  return { skip: nonNegativeInteger('skip', options.skip), limit: nonNegativeInteger('limit', options.limit) };
}

/** A reusable predicate, for counting and deleting. */
export function compileFilter(filter: Filter): (document: ReadDocument) => boolean {
  assertSafeQuery(filter);
  const query = translatingErrors(() => new Query(filter, MINGO_OPTIONS));
  return (document) => translatingErrors(() => query.test(document as unknown as Record<string, unknown>));
}

/**
 * Runs a pipeline. mingo may modify its input in place ($addFields on a nested path does), so the
 * caller passes copies, and `lookup` must hand out copies too.
 */
export function aggregateDocuments(
  documents: Source,
  pipeline: readonly Record<string, unknown>[],
  lookup: (collection: string) => ReadDocument[],
): unknown[] {
  assertSafePipeline(pipeline);
  return translatingErrors(() =>
    new Aggregator([...pipeline], {
      ...MINGO_OPTIONS,
      collectionResolver: (collection) => lookup(collection) as unknown as Record<string, unknown>[],
    }).run(documents),
  );
}

function nonNegativeInteger(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidQueryError(`${name} must be a whole number >= 0, got ${String(value)}`);
  }
  return value;
}

function translatingErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidQueryError(`Query not understood: ${message}`, { cause: error });
  }
}
