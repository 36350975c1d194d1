/**
 * Turns validated timeline parameters into a read-store filter and a page. Pure. `recordedAt` is
 * stored as `Date#toISOString()` (UTC, milliseconds), so comparing it with bounds normalised the
 * same way compares instants.
 */
import { parseIsoInstant } from '../../http/iso-instant';
import type { Filter } from '../../read-store/read-store.port';
import { InvalidInputError } from '../../shared/errors';
import type { SortOrder } from './timeline-query.dto';

export interface TimelineCriteria {
  from?: string;
  to?: string;
  /** Global positions, both exclusive: a cursor that new events do not shift, unlike an offset. */
  beforePosition?: number;
  afterPosition?: number;
  types?: readonly string[];
  actor?: string;
  unit?: string;
}

export interface Page {
  limit: number;
  offset: number;
  order: SortOrder;
}

export interface TimelinePage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  order: SortOrder;
}

export function timelineFilter(criteria: TimelineCriteria): Filter {
  const filter: Filter = {};
  const from = instant(criteria.from, 'from');
  const to = instant(criteria.to, 'to');
  if (from && to && from > to) {
    throw new InvalidInputError('INVALID_RANGE', `from (${criteria.from}) is after to (${criteria.to})`, { from: criteria.from, to: criteria.to });
  }
  if (from || to) filter.recordedAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
  const { beforePosition, afterPosition } = criteria;
  if (beforePosition !== undefined || afterPosition !== undefined) {
    filter.position = { ...(afterPosition !== undefined ? { $gt: afterPosition } : {}), ...(beforePosition !== undefined ? { $lt: beforePosition } : {}) };
  }
  if (criteria.types && criteria.types.length > 0) filter.type = { $in: [...new Set(criteria.types)] };
  if (criteria.actor) filter['actor.id'] = criteria.actor;
  if (criteria.unit) filter['actor.unitId'] = criteria.unit;
  return filter;
}

export function pageOf(parameters: { limit?: number; offset?: number; order?: SortOrder }, defaults: Page): Page {
  return { limit: parameters.limit ?? defaults.limit, offset: parameters.offset ?? defaults.offset, order: parameters.order ?? defaults.order };
}

/** The DTO has validated it; a value that does not parse here is a programming error, reported as bad input all the same. */
function instant(text: string | undefined, field: string): string | null {
  if (text === undefined) return null;
  const parsed = parseIsoInstant(text);
  if (!parsed) throw new InvalidInputError('VALIDATION_FAILED', `${field} is not an ISO-8601 instant`, { field });
  return parsed.toISOString();
}
