/** `GET /audit/events`: the global audit log, from the `audit_log` read model. */
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AuditLogEntry } from '../../../projections/audit-log';
import { AuditLogReadModel } from '../../read-models/audit-log/audit-log.read-model';
import { pageOf, timelineBounds, type Page, type TimelineCriteria, type TimelinePage } from '../timeline/timeline-filter';

export type AuditLogView = Omit<AuditLogEntry, '_id' | 'lastPosition'>;

export type AuditLogPage = TimelinePage<AuditLogView>;

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
  constructor(private readonly auditLog: AuditLogReadModel) {}

  async execute({ criteria, page: requested }: ListAuditEventsQuery): Promise<AuditLogPage> {
    const page = pageOf(requested, AUDIT_LOG_PAGE_DEFAULTS);
    const found = await this.auditLog.page(timelineBounds(criteria), page);
    return { items: found.items.map(({ _id, lastPosition, ...view }) => view), total: found.total, ...page };
  }
}
