/** The `report_queries` read model's query on MongoDB. */
import type { Filter } from 'mongodb';
import { reportQueriesProjection, type ReportQueryDocument } from '../../../projections/report-queries';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import type { ListPage, Paging } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import type { ReportQueriesReadModel, ReportQueryFilter } from './report-queries.read-model';

export class MongoReportQueriesReadModel extends MongoQueries<ReportQueryDocument> implements ReportQueriesReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, reportQueriesProjection);
  }

  list(filter: ReportQueryFilter, paging: Paging): Promise<ListPage<ReportQueryDocument>> {
    const query: Record<string, unknown> = {};
    if (filter.status) query.status = filter.status;
    if (filter.indicatorId) query.indicatorId = filter.indicatorId;
    if (filter.unitId) query.unitId = filter.unitId;
    return this.findPage(query as Filter<ReportQueryDocument>, { raisedAt: 1, _id: 1 }, paging.limit, paging.offset);
  }
}
