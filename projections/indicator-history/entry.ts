/** Builds the timeline entry for one indicator event. Each entry depends on its own event only. */
import { parsePeriod, periodLastDay } from '../../src/domain/indicator/period';
import type { Evidence } from '../../src/domain/indicator/evidence';
import type { IndicatorEvent } from '../../src/domain/indicator/events';
import { assertNever } from '../../src/domain/indicator/target';
import type { RecordedIndicatorEvent } from '../indicator-event';
import { eventEntryId } from '../event-entry-id';
import type { EvidenceView, IndicatorHistoryEntry } from './document';
import { beforeAndAfter } from './snapshots';
import { summarizeIndicatorEvent } from './summary';

/** Vietnam's civil time, UTC+07:00 without daylight saving: the calendar units report against. */
const LOCAL_OFFSET_MS = 7 * 60 * 60 * 1000;

export function historyEntry(event: RecordedIndicatorEvent): IndicatorHistoryEntry {
  const details = eventDetails(event);
  const { before, after } = beforeAndAfter(event);
  const { actor } = event.metadata;
  return {
    _id: eventEntryId(event.streamId, event.revision),
    indicatorId: event.data.indicatorId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    recordedAt: event.metadata.recordedAt,
    actor: { id: actor.id, unitId: actor.unitId ?? null },
    period: details.period,
    effectiveDate: details.period ? periodLastDay(parsePeriod(details.period)) : localDate(event.metadata.recordedAt),
    metric: details.metric,
    reportId: details.reportId,
    note: details.note,
    reason: details.reason,
    decisionRef: details.decisionRef,
    queryId: details.queryId,
    queryMessage: details.queryMessage,
    evidence: evidenceViews(details.evidence),
    before,
    after,
    summary: summarizeIndicatorEvent(event),
    lastPosition: event.position,
  };
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: string): string {
  return new Date(Date.parse(instant) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** A cited document with its optional fields as null, the way every read model stores them. */
export function evidenceViews(evidence: readonly Evidence[] | undefined): EvidenceView[] {
  return evidence && evidence.length > 0 ? evidence.map(evidenceView) : [];
}

/** One cited document as every read model stores it (the progress reports add who cited it). */
export function evidenceView(item: Evidence): EvidenceView {
  return { title: item.title, documentRef: item.documentRef, issuedOn: item.issuedOn, url: item.url ?? null, sha256: item.sha256 ?? null };
}

/** The entry fields an event fills in itself (evidence still in its event form). */
type EventDetails = Pick<IndicatorHistoryEntry, 'period' | 'metric' | 'reportId' | 'note' | 'reason' | 'decisionRef' | 'queryId' | 'queryMessage'> & {
  evidence?: Evidence[];
};

const NO_DETAILS: EventDetails = {
  period: null,
  metric: null,
  reportId: null,
  note: null,
  reason: null,
  decisionRef: null,
  queryId: null,
  queryMessage: null,
};

function eventDetails(event: IndicatorEvent): EventDetails {
  switch (event.type) {
    case 'IndicatorRegistered':
      return NO_DETAILS;
    case 'ProgressReported': {
      const { period, metric, reportId, note, evidence } = event.data;
      return { ...NO_DETAILS, period, metric, reportId, note: note ?? null, evidence };
    }
    case 'ProgressReportCorrected': {
      const { period, metric, reportId, note, reason, evidence, queryId } = event.data;
      return { ...NO_DETAILS, period, metric, reportId, note: note ?? null, reason, evidence, queryId: queryId ?? null };
    }
    case 'ResponsibilityReassigned':
      return { ...NO_DETAILS, reason: event.data.reason, decisionRef: event.data.decisionRef };
    case 'TargetRevised':
      return { ...NO_DETAILS, metric: event.data.metric, reason: event.data.reason, decisionRef: event.data.decisionRef };
    case 'IndicatorAssessed':
      return { ...NO_DETAILS, decisionRef: event.data.decisionRef };
    case 'ReportQueried':
    case 'ReportQueryAnswered':
    case 'ReportQueryClosed': {
      const { period, metric, reportId, queryId } = event.data;
      const about = { ...NO_DETAILS, period, metric, reportId, queryId };
      if (event.type === 'ReportQueried') return { ...about, queryMessage: event.data.question };
      if (event.type === 'ReportQueryClosed') return { ...about, queryMessage: event.data.conclusion };
      return { ...about, queryMessage: event.data.answer, reason: event.data.correction?.reason ?? null, evidence: event.data.evidence };
    }
    default:
      return assertNever(event);
  }
}
