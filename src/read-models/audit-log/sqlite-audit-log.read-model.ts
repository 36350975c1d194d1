/** The `audit_log` read model's query on SQLite. */
import { auditLogProjection, type AuditLogEntry } from '../../../projections/audit-log';
import type { Page, TimelineBounds } from '../../audit/timeline/timeline-filter';
import type { ListPage } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted } from '../sqlite/document-table';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { timelineConditions } from '../sqlite/timeline-conditions';
import type { AuditLogReadModel } from './audit-log.read-model';

export class SqliteAuditLogReadModel extends SqliteQueries<AuditLogEntry> implements AuditLogReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, auditLogProjection);
  }

  async page(bounds: TimelineBounds, page: Page): Promise<ListPage<AuditLogEntry>> {
    const where = timelineConditions(bounds);
    const table = quoted(this.tableName());
    const from = ` FROM ${table}${where.sql}`;
    // The global position is the order events were stored in; recorded times can tie.
    const order = ` ORDER BY "position" ${page.order === 'desc' ? 'DESC' : 'ASC'}`;
    // The page's positions are chosen from the filter's index alone (each index ends with the
    // position), and only then are their documents read: a date window otherwise reads and sorts
    // every document it holds to keep one page (the audit-log date window row of the bench).
    const pagePositions = `SELECT "position"${from}${order} LIMIT ? OFFSET ?`;
    return {
      items: this.documents(`SELECT document FROM ${table} WHERE "position" IN (${pagePositions})${order}`, [...where.params, page.limit, page.offset]),
      total: this.count(`SELECT count(*) AS total${from}`, where.params),
    };
  }
}
