/** Sections IV and V of a review: what was not reported, by responsible unit, and the totals. */
import type { StatusSummary } from '../../../projections/indicators';
import { TARGET_STATUSES, type TargetStatus } from '../../domain/indicator/status';
import { REVIEW_CHANGES, type ReviewChange } from '../../domain/review/change';
import type { MissingReportsOfUnit, ReviewGroupTotals, ReviewItem, ReviewTotals } from './review-content.types';

/**
 * Indicators and tasks with a target no report for the period gives a reading, grouped under the
 * unit responsible for them at the cut-off (the one that owes the report), units by id, items in review order.
 */
export function missingReportsOf(items: readonly ReviewItem[], unitNames: ReadonlyMap<string, string>): MissingReportsOfUnit[] {
  const byUnit = new Map<string, MissingReportsOfUnit>();
  for (const item of items) {
    const metrics = item.targets.filter((target) => !target.reportedForPeriod).map((target) => target.metric);
    if (metrics.length === 0) continue;
    let unit = byUnit.get(item.responsibleUnitId);
    if (!unit) byUnit.set(item.responsibleUnitId, (unit = { unitId: item.responsibleUnitId, unitName: unitNames.get(item.responsibleUnitId) ?? null, items: [] }));
    unit.items.push({ indicatorId: item.indicatorId, number: item.number, kind: item.kind, name: item.name, metrics });
  }
  return [...byUnit.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/** Targets counted by status and by change; indicators and targets by group, groups in the order the review first meets them. */
export function totalsOf(items: readonly ReviewItem[]): ReviewTotals {
  const targets = items.flatMap((item) => item.targets);
  const byChange = Object.fromEntries(REVIEW_CHANGES.map((change) => [change, 0])) as Record<ReviewChange, number>;
  for (const target of targets) if (target.change !== null) byChange[target.change] += 1;
  const groups = new Map<string, ReviewItem[]>();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  const byGroup: ReviewGroupTotals[] = [...groups].map(([group, members]) => {
    const groupTargets = members.flatMap((item) => item.targets);
    return { group, indicators: members.length, targets: groupTargets.length, byStatus: summarizeStatuses(groupTargets) };
  });
  return {
    indicators: items.filter((item) => item.kind === 'indicator').length,
    tasks: items.filter((item) => item.kind === 'task').length,
    targets: targets.length,
    byStatus: summarizeStatuses(targets),
    byChange,
    byGroup,
  };
}

function summarizeStatuses(targets: ReadonlyArray<{ status: TargetStatus }>): StatusSummary {
  const summary = Object.fromEntries(TARGET_STATUSES.map((status) => [status, 0])) as StatusSummary;
  for (const target of targets) summary[target.status] += 1;
  return summary;
}
