/**
 * Every read model's query contract on MongoDB, wherever MONGODB_URI points at a replica set
 * (`docker compose up eventstore mongo`, then `npm run test:servers`). Each suite writes to a
 * database of its own (MONGODB_DATABASE + "_test_" + the read model), dropped when it is done.
 */
import { mongoTarget } from '../read-model-store-targets';
import { describeWithServer, MONGODB } from '../../support/server-stores';
import { describeAuditLogContract } from './audit-log.contract';
import { describeIndicatorHistoryContract } from './indicator-history.contract';
import { describeIndicatorsContract } from './indicators.contract';
import { describeProgressReportsContract } from './progress-reports.contract';
import { describeReportQueriesContract } from './report-queries.contract';
import { describeResolutionsContract } from './resolutions.contract';
import { describeServingContract } from './serving.contract';
import { describeUnitsContract } from './units.contract';

describeWithServer('the read-model query contract suites on MongoDB', MONGODB, ({ uri, database }) => {
  const target = mongoTarget(uri, database);
  describeIndicatorsContract(target);
  describeIndicatorHistoryContract(target);
  describeAuditLogContract(target);
  describeUnitsContract(target);
  describeProgressReportsContract(target);
  describeReportQueriesContract(target);
  describeResolutionsContract(target);
  describeServingContract(target);
});
