/**
 * `POST /evidence/verify`: which reports cite this file? The file's bytes are hashed and looked up
 * among the `sha256` of every document cited with a report, a correction or a query answer
 * (the `progress_reports` read model, indexed on `evidence.sha256`).
 */
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EvidenceCitation } from '../../projections/progress-reports';
import { ProgressReportsReadModel } from '../read-models/progress-reports/progress-reports.read-model';

/** Largest file accepted for verification; the JSON body limit does not apply to this route. */
export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface EvidenceCitationView {
  indicatorId: string;
  reportId: string;
  metric: string;
  period: string;
  unitId: string;
  title: string;
  documentRef: string;
  issuedOn: string;
  citedIn: EvidenceCitation['citedIn'];
  citedAt: string;
  /** Indicator stream revision of the citing event: its entry in the indicator's history. */
  revision: number;
}

export interface EvidenceVerification {
  sha256: string;
  size: number;
  citedBy: EvidenceCitationView[];
}

export class FindEvidenceCitationsQuery extends Query<EvidenceCitationView[]> {
  constructor(readonly sha256: string) {
    super();
  }
}

@QueryHandler(FindEvidenceCitationsQuery)
export class FindEvidenceCitationsHandler implements IQueryHandler<FindEvidenceCitationsQuery, EvidenceCitationView[]> {
  constructor(private readonly reports: ProgressReportsReadModel) {}

  async execute({ sha256 }: FindEvidenceCitationsQuery): Promise<EvidenceCitationView[]> {
    const reports = await this.reports.citing(sha256);
    return reports.flatMap((report) =>
      report.evidence
        .filter((item) => item.sha256 === sha256)
        .map((item) => ({
          indicatorId: report.indicatorId,
          reportId: report.reportId,
          metric: report.metric,
          period: report.period,
          unitId: report.unitId,
          title: item.title,
          documentRef: item.documentRef,
          issuedOn: item.issuedOn,
          citedIn: item.citedIn,
          citedAt: item.citedAt,
          revision: item.revision,
        })),
    );
  }
}
