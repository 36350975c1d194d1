/** The questions the API asks of the `progress_reports` read model. */
import type { ProgressReportDocument } from '../../../projections/progress-reports';
import type { ListPage, Paging } from '../paging';

export interface ProgressReportFilter {
  indicatorId?: string;
  unitId?: string;
  period?: string;
  metric?: string;
  hasEvidence?: boolean;
}

export abstract class ProgressReportsReadModel {
  /** Reports by indicator, metric, period (and id). */
  abstract list(filter: ProgressReportFilter, paging: Paging): Promise<ListPage<ProgressReportDocument>>;
  /** Every report that cites a document with this SHA-256, by indicator, period and id. */
  abstract citing(sha256: string): Promise<ProgressReportDocument[]>;
}
