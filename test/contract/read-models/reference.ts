/**
 * The answers the query interfaces must give, computed in plain TypeScript from the same documents:
 * filter, sort, slice. Values compare as both stores compare them: null before numbers before
 * text, text by its UTF-8 bytes (SQLite's BINARY collation, MongoDB's simple one).
 */
import type { TimelineBounds } from '../../../src/audit/timeline/timeline-filter';
import type { ListPage, Paging } from '../../../src/read-models/paging';

export type Direction = 'asc' | 'desc';

/** One sort key: how to read it from a document, and which way it runs. */
export type SortKey<D> = readonly [(document: D) => unknown, Direction];

function rank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 3;
  throw new Error(`No sort order for ${typeof value}`);
}

export function compareStored(a: unknown, b: unknown): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0 || rank(a) === 0) return byRank;
  if (typeof a === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b as string, 'utf8'));
  return Number(a) - Number(b);
}

export function sortedBy<D>(documents: readonly D[], keys: readonly SortKey<D>[]): D[] {
  return [...documents].sort((a, b) => {
    for (const [read, direction] of keys) {
      const order = compareStored(read(a), read(b));
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return 0;
  });
}

export function pageOf<D>(ordered: readonly D[], paging: Paging): ListPage<D> {
  return { items: ordered.slice(paging.offset, paging.offset + paging.limit), total: ordered.length };
}

/** What the history and the audit log both filter on. */
export interface TimelineEntry {
  position: number;
  recordedAt: string;
  type: string;
  actor: { id: string; unitId: string | null };
}

export function passesTimeline(entry: TimelineEntry, bounds: TimelineBounds): boolean {
  return (
    (bounds.from === null || entry.recordedAt >= bounds.from) &&
    (bounds.to === null || entry.recordedAt <= bounds.to) &&
    (bounds.afterPosition === null || entry.position > bounds.afterPosition) &&
    (bounds.beforePosition === null || entry.position < bounds.beforePosition) &&
    (bounds.types.length === 0 || bounds.types.includes(entry.type)) &&
    (bounds.actor === null || entry.actor.id === bounds.actor) &&
    (bounds.unit === null || entry.actor.unitId === bounds.unit)
  );
}

export const NO_BOUNDS: TimelineBounds = { from: null, to: null, afterPosition: null, beforePosition: null, types: [], actor: null, unit: null };

export function bounds(partial: Partial<TimelineBounds>): TimelineBounds {
  return { ...NO_BOUNDS, ...partial };
}

/** The `_id`s of a list, for readable failures. */
export function ids(documents: ReadonlyArray<{ _id: string }>): string[] {
  return documents.map((document) => document._id);
}
