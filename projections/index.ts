/** Every read model the runner maintains. Add a projection here and the runner builds it. */
import { auditLogProjection } from './audit-log';
import { indicatorHistoryProjection } from './indicator-history';
import { indicatorsProjection } from './indicators';
import { progressReportsProjection } from './progress-reports';
import type { ProjectedDocument, ProjectionDefinition } from './projection';
import { reportQueriesProjection } from './report-queries';
import { resolutionsProjection } from './resolutions';
import { unitsProjection } from './units';

export const ALL_PROJECTIONS: readonly ProjectionDefinition<ProjectedDocument>[] = [
  indicatorsProjection,
  indicatorHistoryProjection,
  unitsProjection,
  progressReportsProjection,
  reportQueriesProjection,
  auditLogProjection,
  resolutionsProjection,
];
