/**
 * The timeline filters of the indicator history and the audit log, checked and normalised once,
 * for each store's query interface to translate. Pure. `recordedAt` is stored as
 * `Date#toISOString()` (UTC, milliseconds), so comparing it with bounds normalised the same way
 * compares instants.
 */
import { parseIsoInstant } from '../../http/iso-instant';
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

/** The criteria as the stores compare them: instants in stored form, types without repeats. */
export interface TimelineBounds {
  from: string | null;
  to: string | null;
  afterPosition: number | null;
  beforePosition: number | null;
  types: string[];
  actor: string | null;
  unit: string | null;
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

export function timelineBounds(criteria: TimelineCriteria): TimelineBounds {
  const from = instant(criteria.from, 'from');
  const to = instant(criteria.to, 'to');
  if (from && to && from > to) {
    throw new InvalidInputError('INVALID_RANGE', `from (${criteria.from}) is after to (${criteria.to})`, { from: criteria.from, to: criteria.to });
  }
  return {
    from,
    to,
    afterPosition: criteria.afterPosition ?? null,
    beforePosition: criteria.beforePosition ?? null,
    types: [...new Set(criteria.types ?? [])],
    actor: criteria.actor || null,
    unit: criteria.unit || null,
  };
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
