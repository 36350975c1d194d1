/**
 * The inspection committee's working tools — queries on reports, evidence, the reports list and the
 * exports — listed once here so the composition root registers them with one spread each.
 */
import { EvidenceController } from '../evidence/evidence.controller';
import { FindEvidenceCitationsHandler } from '../evidence/verify-evidence';
import { ExportsController } from '../exports/exports.controller';
import { ExportIndicatorHistoryHandler } from '../exports/indicator-history.export';
import { ExportIndicatorTableHandler } from '../exports/indicator-table.export';
import { ListProgressReportsHandler, ProgressReportsController } from '../progress-reports/list-progress-reports';
import { ListReportQueriesHandler } from './read/list-report-queries';
import { ReportQueriesController } from './read/report-queries.controller';
import { AnswerQueryHandler } from './write/answer-query';
import { CloseQueryHandler } from './write/close-query';
import { InspectionCommandsController } from './write/inspection-commands.controller';
import { RaiseQueryHandler } from './write/raise-query';

export const INSPECTION_CONTROLLERS = [InspectionCommandsController, ReportQueriesController, EvidenceController, ProgressReportsController, ExportsController];

export const INSPECTION_COMMAND_HANDLERS = [RaiseQueryHandler, AnswerQueryHandler, CloseQueryHandler];

export const INSPECTION_QUERY_HANDLERS = [
  ListReportQueriesHandler,
  FindEvidenceCitationsHandler,
  ListProgressReportsHandler,
  ExportIndicatorHistoryHandler,
  ExportIndicatorTableHandler,
];
