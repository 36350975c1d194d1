/** The `progress_reports` read model's queries on SQLite. */
import { progressReportsProjection, type ProgressReportDocument } from '../../../projections/progress-reports';
import type { ListPage, Paging } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted, sideTableName } from '../sqlite/document-table';
import { SqlConditions } from '../sqlite/sql-conditions';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { ProgressReportFilter, ProgressReportsReadModel } from './progress-reports.read-model';

export class SqliteProgressReportsReadModel extends SqliteQueries<ProgressReportDocument> implements ProgressReportsReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, progressReportsProjection);
  }

  async list(filter: ProgressReportFilter, paging: Paging): Promise<ListPage<ProgressReportDocument>> {
    const where = new SqlConditions();
    if (filter.indicatorId) where.compare('indicatorId', '=', filter.indicatorId);
    if (filter.unitId) where.compare('unitId', '=', filter.unitId);
    if (filter.period) where.compare('period', '=', filter.period);
    if (filter.metric) where.compare('metric', '=', filter.metric);
    if (filter.hasEvidence !== undefined) where.compare('hasEvidence', '=', filter.hasEvidence ? 1 : 0);
    const from = ` FROM ${quoted(this.tableName())}${where.sql}`;
    return {
      items: this.documents(`SELECT document${from} ORDER BY "indicatorId", "metric", "period", "_id" LIMIT ? OFFSET ?`, [...where.params, paging.limit, paging.offset]),
      total: this.count(`SELECT count(*) AS total${from}`, where.params),
    };
  }

  async citing(sha256: string): Promise<ProgressReportDocument[]> {
    const table = this.tableName();
    const where = new SqlConditions().has(table, sideTableName(table, 'evidenceSha256'), sha256);
    return this.documents(`SELECT document FROM ${quoted(table)}${where.sql} ORDER BY "indicatorId", "period", "_id"`, where.params);
  }
}
