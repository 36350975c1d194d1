/** `GET /audit/events`: the global audit log, from the `audit_log` read model. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AUDIT_LOG_COLLECTION, type AuditLogEntry } from '../../../projections/audit-log';
import { READ_STORE } from '../../infrastructure/tokens';
import { findReadOnly, type DeepReadonly } from '../../read-store/read-only-find';
import type { ReadStore } from '../../read-store/read-store.port';
import { sharedViews } from '../../read-store/shared-views';
import { pageOf, timelineFilter, type Page, type TimelineCriteria, type TimelinePage } from '../timeline/timeline-filter';

export type AuditLogView = Omit<AuditLogEntry, '_id' | 'lastPosition'>;

export type AuditLogPage = TimelinePage<DeepReadonly<AuditLogView>>;

/** Newest first: an inspector opens the log to see what happened lately. */
export const AUDIT_LOG_PAGE_DEFAULTS: Page = { limit: 100, offset: 0, order: 'desc' };

export class ListAuditEventsQuery extends Query<AuditLogPage> {
  constructor(
    readonly criteria: TimelineCriteria,
    readonly page: Partial<Page>,
  ) {
    super();
  }
}

@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery, AuditLogPage> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ criteria, page: requested }: ListAuditEventsQuery): Promise<AuditLogPage> {
    const collection = this.readStore.collection<AuditLogEntry>(AUDIT_LOG_COLLECTION);
    const filter = timelineFilter(criteria);
    const page = pageOf(requested, AUDIT_LOG_PAGE_DEFAULTS);
    // The global position is the order events were stored in; recorded times can tie.
    const [entries, total] = await Promise.all([
      findReadOnly(collection, filter, { sort: { position: page.order === 'asc' ? 1 : -1 }, skip: page.offset, limit: page.limit }),
      collection.countDocuments(filter),
    ]);
    return { items: entries.map(sharedAuditLogView), total, ...page };
  }
}

function toView(entry: DeepReadonly<AuditLogEntry>): DeepReadonly<AuditLogView> {
  const { _id, lastPosition, ...view } = entry;
  return view;
}

/** One view per shared entry, so its JSON can be kept (src/http/json-bytes.ts). */
const sharedAuditLogView = sharedViews(toView);
