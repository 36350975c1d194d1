/** The question the API asks of the `report_queries` read model: the inspection committee's worklist. */
import type { ReportQueryDocument } from '../../../projections/report-queries';
import type { ListPage, Paging } from '../paging';

export interface ReportQueryFilter {
  status?: string;
  indicatorId?: string;
  unitId?: string;
}

export abstract class ReportQueriesReadModel {
  /** Queries by the time they were raised, the one waiting longest first. */
  abstract list(filter: ReportQueryFilter, paging: Paging): Promise<ListPage<ReportQueryDocument>>;
}
