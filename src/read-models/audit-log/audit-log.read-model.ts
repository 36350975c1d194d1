/** The question the API asks of the `audit_log` read model: a page of the global log. */
import type { AuditLogEntry } from '../../../projections/audit-log';
import type { Page, TimelineBounds } from '../../audit/timeline/timeline-filter';
import type { ListPage } from '../paging';

export abstract class AuditLogReadModel {
  /** The entries that pass the filters, by global position in `page.order`, and how many pass. */
  abstract page(bounds: TimelineBounds, page: Page): Promise<ListPage<AuditLogEntry>>;
}
