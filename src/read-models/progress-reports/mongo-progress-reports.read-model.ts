/** The `progress_reports` read model's queries on MongoDB. */
import type { Filter } from 'mongodb';
import { progressReportsProjection, type ProgressReportDocument } from '../../../projections/progress-reports';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import type { ListPage, Paging } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import type { ProgressReportFilter, ProgressReportsReadModel } from './progress-reports.read-model';

export class MongoProgressReportsReadModel extends MongoQueries<ProgressReportDocument> implements ProgressReportsReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, progressReportsProjection);
  }

  list(filter: ProgressReportFilter, paging: Paging): Promise<ListPage<ProgressReportDocument>> {
    const query: Record<string, unknown> = {};
    if (filter.indicatorId) query.indicatorId = filter.indicatorId;
    if (filter.unitId) query.unitId = filter.unitId;
    if (filter.period) query.period = filter.period;
    if (filter.metric) query.metric = filter.metric;
    if (filter.hasEvidence !== undefined) query.hasEvidence = filter.hasEvidence;
    return this.findPage(query as Filter<ProgressReportDocument>, { indicatorId: 1, metric: 1, period: 1, _id: 1 }, paging.limit, paging.offset);
  }

  citing(sha256: string): Promise<ProgressReportDocument[]> {
    return this.reading('citing', (collection) =>
      collection.find({ 'evidence.sha256': sha256 } as Filter<ProgressReportDocument>, { sort: { indicatorId: 1, period: 1, _id: 1 } }).toArray() as Promise<ProgressReportDocument[]>,
    );
  }
}
