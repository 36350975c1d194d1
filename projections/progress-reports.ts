/**
 * The `progress_reports` read model: one document per progress report, with its original value,
 * its current value and every correction, who made it and why. A milestone's report holds its
 * state, narrative and completion day instead of a value (null where a reading has nothing). Analysts filter it by indicator,
 * unit and period; auditors read a report's corrections without replaying the stream.
 *
 * Optional fields are stored as null, never left out, so a document reads the same from MongoDB
 * and from SQLite, and a field the API shows is never missing from an answer.
 */
import type { Evidence } from '../src/domain/indicator/evidence';
import type { ProgressReportCorrected, ProgressReported, ReportQueryAnswered } from '../src/domain/indicator/events';
import type { MilestoneState } from '../src/domain/indicator/reading';
import { assertNever } from '../src/domain/indicator/target';
import type { Actor, RecordedEvent } from '../src/shared/messages';
import type { ProjectedDocument, ProjectionDefinition } from './projection';
import { eventTypeGuard } from './event-type-guard';
import { evidenceView } from './indicator-history/entry';
import { changeView, readingView, type ChangeView } from './reading-views';
import { UnhandledEventError } from './unhandled-event';

export const PROGRESS_REPORTS_READ_MODEL = 'progress_reports';

/** Who acted, as the audit trail names them: the person and the unit they acted for. */
export type ReportActor = Pick<Actor, 'id' | 'unitId'>;

/**
 * A document cited for the report, wherever it was cited: with the report itself, with one of its
 * corrections, or in an answer to an inspector's query about it.
 */
export interface EvidenceCitation {
  title: string;
  documentRef: string;
  issuedOn: string;
  url: string | null;
  sha256: string | null;
  citedIn: 'report' | 'correction' | 'query_answer';
  /** Indicator stream revision of the citing event. */
  revision: number;
  citedAt: string;
  citedBy: ReportActor;
}

/** A correction: the reading before and after it (`previousValue` → `value`, or the milestone fields). */
export interface ReportCorrection extends ChangeView {
  reason: string;
  note: string | null;
  correctedBy: ReportActor;
  correctedAt: string;
  /** Indicator stream revision of the correction event. */
  revision: number;
}

export interface ProgressReportDocument extends ProjectedDocument {
  reportId: string;
  indicatorId: string;
  metric: string;
  period: string;
  /** The unit the report was made for: the responsible unit when it was reported. */
  unitId: string;
  /** The value as first reported, kept after corrections; null for a milestone. */
  originalValue: number | null;
  /** The value after the latest correction; null for a milestone. */
  value: number | null;
  /** A milestone's state as first reported, kept after corrections; null for a figure. */
  originalState: MilestoneState | null;
  /** A milestone's state, narrative and completion day after the latest correction; null for a figure. */
  state: MilestoneState | null;
  narrative: string | null;
  completedOn: string | null;
  note: string | null;
  reportedBy: ReportActor;
  reportedAt: string;
  /** Oldest first. */
  corrections: ReportCorrection[];
  correctionCount: number;
  /** Every document cited for the report, oldest first. */
  evidence: EvidenceCitation[];
  /** False when no document at all backs the figure: what an inspector filters for. */
  hasEvidence: boolean;
  /** Indicator stream revision of the last event applied. */
  revision: number;
  updatedAt: string;
}

type ReportEvent = RecordedEvent<ProgressReported | ProgressReportCorrected | ReportQueryAnswered>;

const REPORT_EVENT_TYPES = ['ProgressReported', 'ProgressReportCorrected', 'ReportQueryAnswered'] as const satisfies readonly ReportEvent['type'][];

const isReportEvent = eventTypeGuard(REPORT_EVENT_TYPES);

/** A correction reached a report whose ProgressReported was never applied: the events are out of order. */
export class ReportNotProjectedError extends Error {
  readonly code = 'REPORT_NOT_PROJECTED';

  constructor(
    readonly reportId: string,
    readonly position: number,
  ) {
    super(`Report ${reportId} has no document: the correction at position ${position} precedes the report`);
    this.name = new.target.name;
  }
}

export const progressReportsProjection: ProjectionDefinition<ProgressReportDocument> = {
  name: PROGRESS_REPORTS_READ_MODEL,
  version: 1,
  events: {
    ResolutionRegistered: 'ignore',
    UnitRegistered: 'ignore',
    UnitRenamed: 'ignore',
    UnitDeactivated: 'ignore',
    IndicatorRegistered: 'ignore',
    ProgressReported: 'handle',
    ProgressReportCorrected: 'handle',
    ResponsibilityReassigned: 'ignore',
    TargetRevised: 'ignore',
    IndicatorAssessed: 'ignore',
    ReportQueried: 'ignore',
    ReportQueryAnswered: 'handle',
    ReportQueryClosed: 'ignore',
    ReviewApproved: 'ignore',
  },
  fields: {
    indicatorId: { path: 'indicatorId', type: 'text' },
    metric: { path: 'metric', type: 'text' },
    period: { path: 'period', type: 'text' },
    unitId: { path: 'unitId', type: 'text' },
    hasEvidence: { path: 'hasEvidence', type: 'boolean' },
    evidenceSha256: { path: 'evidence.sha256', type: 'text', many: true },
  },
  indexes: [
    // The domain allows one report per target and period (a second one is a correction); the list's order too.
    { name: 'indicator_metric_period', fields: ['indicatorId', 'metric', 'period'], unique: true },
    { name: 'unit', fields: ['unitId'] },
    { name: 'period', fields: ['period'] },
    { name: 'has_evidence', fields: ['hasEvidence'] },
    // POST /evidence/verify looks a file's hash up here.
    { name: 'evidence_sha256', fields: ['evidenceSha256'] },
  ],
  documentIds: (event) => (isReportEvent(event) ? [event.data.reportId] : []),
  evolve: (current, event) => {
    if (!isReportEvent(event)) {
      if (!current) throw new UnhandledEventError(PROGRESS_REPORTS_READ_MODEL, event.type, event.position);
      return current;
    }
    return evolveReport(current, event);
  },
};

export function evolveReport(current: ProgressReportDocument | null, event: ReportEvent): ProgressReportDocument {
  if (current && event.position <= current.lastPosition) return current;
  switch (event.type) {
    case 'ProgressReported':
      // A report id is used once; if it came again, the first report stands.
      return current ?? reported(event);
    case 'ProgressReportCorrected':
      if (!current) throw new ReportNotProjectedError(event.data.reportId, event.position);
      return corrected(current, event);
    case 'ReportQueryAnswered':
      if (!current) throw new ReportNotProjectedError(event.data.reportId, event.position);
      return answered(current, event);
    default:
      return assertNever(event);
  }
}

function reported(event: RecordedEvent<ProgressReported>): ProgressReportDocument {
  const { data, metadata } = event;
  // Every field written out (no spread inside the literal), so the document holds them all in itself.
  const evidence = citations(event, 'report', data.evidence);
  const reading = readingView(data);
  return {
    _id: data.reportId,
    reportId: data.reportId,
    indicatorId: data.indicatorId,
    metric: data.metric,
    period: data.period,
    unitId: data.unitId,
    originalValue: reading.value,
    value: reading.value,
    originalState: reading.state,
    state: reading.state,
    narrative: reading.narrative,
    completedOn: reading.completedOn,
    note: data.note ?? null,
    reportedBy: actorOf(event),
    reportedAt: metadata.recordedAt,
    corrections: [],
    correctionCount: 0,
    evidence,
    hasEvidence: evidence.length > 0,
    revision: event.revision,
    updatedAt: metadata.recordedAt,
    lastPosition: event.position,
  };
}

function corrected(current: ProgressReportDocument, event: RecordedEvent<ProgressReportCorrected>): ProgressReportDocument {
  const { data, metadata } = event;
  const change = changeView(data);
  const correction: ReportCorrection = {
    ...change,
    reason: data.reason,
    note: data.note ?? null,
    correctedBy: actorOf(event),
    correctedAt: metadata.recordedAt,
    revision: event.revision,
  };
  const corrections = [...current.corrections, correction];
  const evidence = evidenceWith(current.evidence, citations(event, 'correction', data.evidence));
  return {
    ...current,
    value: change.value,
    state: change.state,
    narrative: change.narrative,
    completedOn: change.completedOn,
    corrections,
    correctionCount: corrections.length,
    evidence,
    hasEvidence: evidence.length > 0,
    revision: event.revision,
    updatedAt: metadata.recordedAt,
    lastPosition: event.position,
  };
}

/** An answer changes the report only by the documents it cites; its correction, if any, came as its own event. */
function answered(current: ProgressReportDocument, event: RecordedEvent<ReportQueryAnswered>): ProgressReportDocument {
  const evidence = evidenceWith(current.evidence, citations(event, 'query_answer', event.data.evidence));
  return {
    ...current,
    evidence,
    hasEvidence: evidence.length > 0,
    revision: event.revision,
    updatedAt: event.metadata.recordedAt,
    lastPosition: event.position,
  };
}

function citations(event: ReportEvent, citedIn: EvidenceCitation['citedIn'], evidence: readonly Evidence[] | undefined): EvidenceCitation[] {
  if (!evidence || evidence.length === 0) return [];
  return evidence.map((item) => ({
    ...evidenceView(item),
    citedIn,
    revision: event.revision,
    citedAt: event.metadata.recordedAt,
    citedBy: actorOf(event),
  }));
}

/** The citations so far and the new ones; nothing new: the same list (stored already, not walked again on commit). */
function evidenceWith(existing: EvidenceCitation[], added: readonly EvidenceCitation[]): EvidenceCitation[] {
  return added.length === 0 ? existing : [...existing, ...added];
}

function actorOf(event: ReportEvent): ReportActor {
  return { id: event.metadata.actor.id, unitId: event.metadata.actor.unitId ?? null };
}
