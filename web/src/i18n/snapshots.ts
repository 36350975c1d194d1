/** The before and after of a history entry, in words. */
import { formatDate, formatQuantity } from './format';
import { ASSESSMENT_LABELS, MILESTONE_STATE_LABELS, QUERY_STATUS_LABELS, targetInWords } from './statuses';

type Snapshot = Record<string, unknown> | null | undefined;

/** `measureUnit` is the unit of the entry's target (`%`, `doanh nghiệp`), put after a reported figure. */
export function snapshotInWords(snapshot: Snapshot, unitName: (id: string) => string, measureUnit?: string | null): string {
  if (!snapshot || Object.keys(snapshot).length === 0) return '—';
  if (typeof snapshot.queryStatus === 'string') return QUERY_STATUS_LABELS[snapshot.queryStatus] ?? snapshot.queryStatus;
  if (typeof snapshot.outcome === 'string') return `Đánh giá: ${ASSESSMENT_LABELS[snapshot.outcome] ?? snapshot.outcome}`;
  if (Array.isArray(snapshot.targets)) {
    const unit = typeof snapshot.responsibleUnitId === 'string' ? `${unitName(snapshot.responsibleUnitId)}; ` : '';
    return unit + (snapshot.targets as Array<Record<string, unknown>>).map((target) => targetInWords(target as never)).join('; ');
  }
  if (typeof snapshot.responsibleUnitId === 'string') return unitName(snapshot.responsibleUnitId);
  if ('comparator' in snapshot) return targetInWords({ unit: measureUnit, ...(snapshot as object) } as never);
  if (typeof snapshot.state === 'string') {
    const state = MILESTONE_STATE_LABELS[snapshot.state] ?? snapshot.state;
    return typeof snapshot.completedOn === 'string' ? `${state} (${formatDate(snapshot.completedOn)})` : state;
  }
  if (typeof snapshot.value === 'number') return formatQuantity(snapshot.value, measureUnit, 6);
  return '—';
}
