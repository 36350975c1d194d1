/** The timeline filters as a MongoDB filter over the paths the history and the audit log both hold. */
import type { TimelineBounds } from '../../audit/timeline/timeline-filter';

export function timelineFilter(bounds: TimelineBounds): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (bounds.from !== null || bounds.to !== null) {
    filter.recordedAt = { ...(bounds.from !== null ? { $gte: bounds.from } : {}), ...(bounds.to !== null ? { $lte: bounds.to } : {}) };
  }
  if (bounds.afterPosition !== null || bounds.beforePosition !== null) {
    filter.position = { ...(bounds.afterPosition !== null ? { $gt: bounds.afterPosition } : {}), ...(bounds.beforePosition !== null ? { $lt: bounds.beforePosition } : {}) };
  }
  if (bounds.types.length > 0) filter.type = { $in: bounds.types };
  if (bounds.actor !== null) filter['actor.id'] = bounds.actor;
  if (bounds.unit !== null) filter['actor.unitId'] = bounds.unit;
  return filter;
}
