/** The `audit_log` read model's query on MongoDB. */
import type { Filter } from 'mongodb';
import { auditLogProjection, type AuditLogEntry } from '../../../projections/audit-log';
import type { Page, TimelineBounds } from '../../audit/timeline/timeline-filter';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import { timelineFilter } from '../mongo/timeline-filter';
import type { ListPage } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import type { AuditLogReadModel } from './audit-log.read-model';

export class MongoAuditLogReadModel extends MongoQueries<AuditLogEntry> implements AuditLogReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, auditLogProjection);
  }

  page(bounds: TimelineBounds, page: Page): Promise<ListPage<AuditLogEntry>> {
    return this.findPage(timelineFilter(bounds) as Filter<AuditLogEntry>, { position: page.order === 'desc' ? -1 : 1 }, page.limit, page.offset);
  }
}
