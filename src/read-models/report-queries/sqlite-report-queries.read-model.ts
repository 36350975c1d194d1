/** The `report_queries` read model's query on SQLite. */
import { reportQueriesProjection, type ReportQueryDocument } from '../../../projections/report-queries';
import type { ListPage, Paging } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted } from '../sqlite/document-table';
import { SqlConditions } from '../sqlite/sql-conditions';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { ReportQueriesReadModel, ReportQueryFilter } from './report-queries.read-model';

export class SqliteReportQueriesReadModel extends SqliteQueries<ReportQueryDocument> implements ReportQueriesReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, reportQueriesProjection);
  }

  async list(filter: ReportQueryFilter, paging: Paging): Promise<ListPage<ReportQueryDocument>> {
    const where = new SqlConditions();
    if (filter.status) where.compare('status', '=', filter.status);
    if (filter.indicatorId) where.compare('indicatorId', '=', filter.indicatorId);
    if (filter.unitId) where.compare('unitId', '=', filter.unitId);
    const from = ` FROM ${quoted(this.tableName())}${where.sql}`;
    return {
      items: this.documents(`SELECT document${from} ORDER BY "raisedAt", "_id" LIMIT ? OFFSET ?`, [...where.params, paging.limit, paging.offset]),
      total: this.count(`SELECT count(*) AS total${from}`, where.params),
    };
  }
}
