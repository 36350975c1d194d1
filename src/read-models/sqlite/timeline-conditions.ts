/** The timeline filters as SQL over the columns the history and the audit log both declare. */
import type { TimelineBounds } from '../../audit/timeline/timeline-filter';
import { SqlConditions } from './sql-conditions';

export function timelineConditions(bounds: TimelineBounds, conditions = new SqlConditions()): SqlConditions {
  if (bounds.from !== null) conditions.compare('recordedAt', '>=', bounds.from);
  if (bounds.to !== null) conditions.compare('recordedAt', '<=', bounds.to);
  if (bounds.afterPosition !== null) conditions.compare('position', '>', bounds.afterPosition);
  if (bounds.beforePosition !== null) conditions.compare('position', '<', bounds.beforePosition);
  if (bounds.types.length > 0) conditions.among('type', bounds.types);
  if (bounds.actor !== null) conditions.compare('actorId', '=', bounds.actor);
  if (bounds.unit !== null) conditions.compare('actorUnitId', '=', bounds.unit);
  return conditions;
}
