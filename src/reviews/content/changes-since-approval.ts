/**
 * What the ledger has recorded since a review was approved that would change it. The approved
 * content stays as approved (recomputed from the events at or below the approval's position); this
 * lists, beside it, each target whose standing, goal or responsible unit now reads differently,
 * and the events recorded after the approval that bear on the period (any event of the
 * resolution's indicators and tasks, except those about reports for later periods, and the renaming
 * of a unit responsible for one of them).
 */
import { parsePeriod, type Period } from '../../domain/indicator/period';
import { parseReviewPeriod, visibleIn } from '../../domain/review/review-period';
import type { RecordedLedgerEvent } from '../../domain/events';
import { isIndicatorEvent } from '../../../projections/indicator-event';
import { auditLogEntry } from '../../../projections/audit-log';
import type { ReviewContent, ReviewItem, ReviewTargetLine } from './review-content.types';

const COMPARED = [
  'latestValue',
  'latestState',
  'latestCompletedOn',
  'latestPeriod',
  'latestReportId',
  'status',
  'comparator',
  'value',
  'min',
  'max',
  'dueDate',
  'reportedForPeriod',
  'previous',
  'change',
] as const satisfies ReadonlyArray<keyof ReviewTargetLine>;

type ComparedField = (typeof COMPARED)[number] | 'responsibleUnitId';

export interface ChangedTarget {
  indicatorId: string;
  metric: string;
  /** The fields that read differently now. */
  fields: ComparedField[];
  approved: Record<string, unknown>;
  current: Record<string, unknown>;
}

export interface EventSinceApproval {
  /** The indicator or task the event is about; null for a unit's renaming. */
  indicatorId: string | null;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  recordedAt: string;
  actor: { id: string; unitId: string | null };
  summary: string;
}

export interface ChangesSinceApproval {
  /** True when the review computed now (at the request's cut-off) differs from the approved one. */
  contentChanged: boolean;
  /** The hash of the review as computed now; equals the approval's when nothing changed. */
  currentContentHash: string;
  targets: ChangedTarget[];
  events: EventSinceApproval[];
}

export function changesSinceApproval(
  approved: ReviewContent,
  current: ReviewContent,
  hashes: { approved: string; current: string },
  eventsAfter: readonly RecordedLedgerEvent[],
): ChangesSinceApproval {
  const period = parseReviewPeriod(approved.period);
  const reviewed = new Set(current.items.map((item) => item.indicatorId));
  const responsible = new Set(current.items.map((item) => item.responsibleUnitId));
  const events: EventSinceApproval[] = [];
  for (const event of eventsAfter) {
    if (!bearsOn(event, period, reviewed, responsible)) continue;
    const { actor, recordedAt } = event.metadata;
    events.push({
      indicatorId: isIndicatorEvent(event) ? event.data.indicatorId : null,
      streamId: event.streamId,
      revision: event.revision,
      position: event.position,
      type: event.type,
      recordedAt,
      actor: { id: actor.id, unitId: actor.unitId ?? null },
      summary: auditLogEntry(event).summary,
    });
  }
  return { contentChanged: hashes.approved !== hashes.current, currentContentHash: hashes.current, targets: changedTargets(approved, current), events };
}

/** An event on a reviewed indicator (not about a report for a later period), or the renaming of a responsible unit (its name is in the review). */
function bearsOn(event: RecordedLedgerEvent, period: Period, reviewed: ReadonlySet<string>, responsible: ReadonlySet<string>): boolean {
  if (isIndicatorEvent(event)) {
    if (!reviewed.has(event.data.indicatorId)) return false;
    return !('period' in event.data) || visibleIn(parsePeriod(event.data.period), period);
  }
  return event.type === 'UnitRenamed' && responsible.has(event.data.unitId);
}

function changedTargets(approved: ReviewContent, current: ReviewContent): ChangedTarget[] {
  const before = new Map(approved.items.map((item) => [item.indicatorId, item]));
  const changed: ChangedTarget[] = [];
  for (const item of current.items) {
    const earlier = before.get(item.indicatorId);
    for (const target of item.targets) {
      const was = earlier?.targets.find((t) => t.metric === target.metric);
      const fields = was ? differingFields(earlier!, was, item, target) : ([...COMPARED, 'responsibleUnitId'] as ComparedField[]);
      if (fields.length === 0) continue;
      changed.push({
        indicatorId: item.indicatorId,
        metric: target.metric,
        fields,
        approved: was ? pick(earlier!, was, fields) : {},
        current: pick(item, target, fields),
      });
    }
  }
  return changed;
}

function differingFields(wasItem: ReviewItem, was: ReviewTargetLine, item: ReviewItem, target: ReviewTargetLine): ComparedField[] {
  const fields: ComparedField[] = COMPARED.filter((field) => JSON.stringify(was[field]) !== JSON.stringify(target[field]));
  if (wasItem.responsibleUnitId !== item.responsibleUnitId) fields.push('responsibleUnitId');
  return fields;
}

function pick(item: ReviewItem, target: ReviewTargetLine, fields: readonly ComparedField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, field === 'responsibleUnitId' ? item.responsibleUnitId : target[field]]));
}
