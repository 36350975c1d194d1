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
    const from = ` FROM ${quoted(this.tableName())}${where.sql}`;
    // The global position is the order events were stored in; recorded times can tie.
    return {
      items: this.documents(`SELECT document${from} ORDER BY "position" ${page.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`, [...where.params, page.limit, page.offset]),
      total: this.count(`SELECT count(*) AS total${from}`, where.params),
    };
  }
}
