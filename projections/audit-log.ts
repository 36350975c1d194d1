/**
 * The `audit_log` read model behind `GET /audit/events`: one document per event of every stream
 * (resolution, units, indicators, reviews), in global order — who did what, when, to which subject, under
 * which decision, with a one-line Vietnamese summary and the event's chain hash, so a line of the
 * log can be checked against `GET /indicators/{id}/integrity`.
 *
 * Each entry depends on its own event only: written once, never changed by a later event.
 * Optional fields are stored as null, never left out, so a document reads the same from MongoDB
 * and from SQLite, and a field the API shows is never missing from an answer.
 */
import type { LedgerEventType, RecordedLedgerEvent } from '../src/domain/events';
import { assertNever } from '../src/domain/indicator/target';
import type { ResolutionEvent } from '../src/domain/resolution/events';
import type { ReviewEvent } from '../src/domain/review/events';
import type { UnitEvent } from '../src/domain/unit/events';
import type { Role } from '../src/shared/messages';
import { eventEntryId } from './event-entry-id';
import { isIndicatorEvent } from './indicator-event';
import { oneLine, summarizeIndicatorEvent } from './indicator-history/summary';
import { handledTypes, type ProjectedDocument, type ProjectionDefinition } from './projection';

export const AUDIT_LOG_READ_MODEL = 'audit_log';

export type AuditSubjectKind = 'indicator' | 'unit' | 'resolution' | 'review';

export interface AuditLogEntry extends ProjectedDocument {
  /** `${streamId}:${revision}`. */
  _id: string;
  position: number;
  streamId: string;
  revision: number;
  subjectKind: AuditSubjectKind;
  /** The indicator, unit or resolution the event is about. */
  subjectId: string;
  type: LedgerEventType;
  recordedAt: string;
  actor: { id: string; unitId: string | null; roles: readonly Role[] };
  commandId: string;
  correlationId: string;
  reason: string | null;
  decisionRef: string | null;
  summary: string;
  /** The event's hash in its stream's chain (null for an event written before the chain existed). */
  hash: string | null;
}

export const auditLogProjection: ProjectionDefinition<AuditLogEntry> = {
  name: AUDIT_LOG_READ_MODEL,
  version: 1,
  writeOnce: true,
  events: {
    ResolutionRegistered: 'handle',
    UnitRegistered: 'handle',
    UnitRenamed: 'handle',
    UnitDeactivated: 'handle',
    IndicatorRegistered: 'handle',
    ProgressReported: 'handle',
    ProgressReportCorrected: 'handle',
    ResponsibilityReassigned: 'handle',
    TargetRevised: 'handle',
    IndicatorAssessed: 'handle',
    ReportQueried: 'handle',
    ReportQueryAnswered: 'handle',
    ReportQueryClosed: 'handle',
    ReviewApproved: 'handle',
  },
  fields: {
    position: { path: 'position', type: 'integer' },
    recordedAt: { path: 'recordedAt', type: 'text' },
    type: { path: 'type', type: 'text' },
    actorId: { path: 'actor.id', type: 'text' },
    actorUnitId: { path: 'actor.unitId', type: 'text' },
  },
  indexes: [
    // The log reads in global order; `_id` (stream and revision) is unique by itself.
    { name: 'position', fields: ['position'], unique: true },
    // A date window, then the order: the position beside the time lets the count and the sort read the index alone.
    { name: 'recorded_at', fields: ['recordedAt', 'position'] },
    { name: 'type', fields: ['type', 'position'] },
    { name: 'actor', fields: ['actorId', 'position'] },
    { name: 'actor_unit', fields: ['actorUnitId', 'position'] },
  ],
  documentIds: (event) => [eventEntryId(event.streamId, event.revision)],
  evolve: (current, event) => {
    if (current && event.position <= current.lastPosition) return current;
    return auditLogEntry(event);
  },
};

/** Every event type: the audit log's `type` filter offers them all. */
export const AUDIT_LOG_EVENT_TYPES: readonly LedgerEventType[] = handledTypes(auditLogProjection);

export function auditLogEntry(event: RecordedLedgerEvent): AuditLogEntry {
  const { metadata } = event;
  const { actor } = metadata;
  const data = event.data as { reason?: unknown; decisionRef?: unknown };
  const subject = subjectOf(event);
  return {
    _id: eventEntryId(event.streamId, event.revision),
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    subjectKind: subject.kind,
    subjectId: subject.id,
    type: event.type,
    recordedAt: metadata.recordedAt,
    actor: { id: actor.id, unitId: actor.unitId ?? null, roles: [...actor.roles] },
    commandId: metadata.commandId,
    // Usually the command's own id: then one string serves both fields.
    correlationId: metadata.correlationId === metadata.commandId ? metadata.commandId : metadata.correlationId,
    reason: typeof data.reason === 'string' ? data.reason : null,
    decisionRef: typeof data.decisionRef === 'string' ? data.decisionRef : null,
    summary: subject.summary,
    hash: typeof metadata.hash === 'string' ? metadata.hash : null,
    lastPosition: event.position,
  };
}

function subjectOf(event: RecordedLedgerEvent): { kind: AuditSubjectKind; id: string; summary: string } {
  if (isIndicatorEvent(event)) return { kind: 'indicator', id: event.data.indicatorId, summary: summarizeIndicatorEvent(event) };
  return otherSubject(event as UnitEvent | ResolutionEvent | ReviewEvent);
}

function otherSubject(event: UnitEvent | ResolutionEvent | ReviewEvent): { kind: AuditSubjectKind; id: string; summary: string } {
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitId, name, shortName } = event.data;
      return { kind: 'unit', id: unitId, summary: oneLine(`Đăng ký đơn vị ${unitId}: ${name}${shortName ? ` (${shortName})` : ''}`) };
    }
    case 'UnitRenamed': {
      const { unitId, previousName, name, reason } = event.data;
      return { kind: 'unit', id: unitId, summary: oneLine(`Đổi tên đơn vị ${unitId}: ${previousName} → ${name}; lý do: ${reason}`) };
    }
    case 'UnitDeactivated': {
      const { unitId, decisionRef, reason } = event.data;
      return { kind: 'unit', id: unitId, summary: oneLine(`Ngừng hoạt động đơn vị ${unitId} theo ${decisionRef}; lý do: ${reason}`) };
    }
    case 'ResolutionRegistered': {
      const { resolutionId, title, year } = event.data;
      return { kind: 'resolution', id: resolutionId, summary: oneLine(`Đăng ký nghị quyết ${resolutionId} năm ${year}: ${title}`) };
    }
    case 'ReviewApproved': {
      const { resolutionId, period, decisionRef } = event.data;
      return { kind: 'review', id: `${resolutionId}-${period}`, summary: oneLine(`Ban Thường vụ thông qua báo cáo sơ kết ${period} theo ${decisionRef}`) };
    }
    default:
      return assertNever(event);
  }
}
