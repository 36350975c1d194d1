/** Every read model's query contract on the embedded store: SQLite, in a temporary file. */
import { sqliteTarget } from '../read-model-store-targets';
import { describeAuditLogContract } from './audit-log.contract';
import { describeIndicatorHistoryContract } from './indicator-history.contract';
import { describeIndicatorsContract } from './indicators.contract';
import { describeProgressReportsContract } from './progress-reports.contract';
import { describeReportQueriesContract } from './report-queries.contract';
import { describeResolutionsContract } from './resolutions.contract';
import { describeServingContract } from './serving.contract';
import { describeUnitsContract } from './units.contract';

describeIndicatorsContract(sqliteTarget);
describeIndicatorHistoryContract(sqliteTarget);
describeAuditLogContract(sqliteTarget);
describeUnitsContract(sqliteTarget);
describeProgressReportsContract(sqliteTarget);
describeReportQueriesContract(sqliteTarget);
describeResolutionsContract(sqliteTarget);
describeServingContract(sqliteTarget);
