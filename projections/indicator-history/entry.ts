/** Builds the timeline entry for one indicator event. Each entry depends on its own event only. */
import { parsePeriod, periodLastDay } from '../../src/domain/indicator/period';
import type { IndicatorEvent } from '../../src/domain/indicator/events';
import { assertNever } from '../../src/domain/indicator/target';
import type { RecordedIndicatorEvent } from '../indicator-event';
import type { IndicatorHistoryEntry } from './document';
import { beforeAndAfter } from './snapshots';
import { summarizeIndicatorEvent } from './summary';

/** Vietnam's civil time, UTC+07:00 without daylight saving: the calendar units report against. */
const LOCAL_OFFSET_MS = 7 * 60 * 60 * 1000;

export const historyEntryId = (streamId: string, revision: number): string => `${streamId}:${revision}`;

export function historyEntry(event: RecordedIndicatorEvent): IndicatorHistoryEntry {
  const details = eventDetails(event);
  return {
    _id: historyEntryId(event.streamId, event.revision),
    indicatorId: event.data.indicatorId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    recordedAt: event.metadata.recordedAt,
    actor: { id: event.metadata.actor.id, unitId: event.metadata.actor.unitId },
    period: details.period,
    effectiveDate: details.period ? periodLastDay(parsePeriod(details.period)) : localDate(event.metadata.recordedAt),
    metric: details.metric,
    reportId: details.reportId,
    note: details.note,
    reason: details.reason,
    decisionRef: details.decisionRef,
    ...beforeAndAfter(event),
    summary: summarizeIndicatorEvent(event),
    lastPosition: event.position,
  };
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: string): string {
  return new Date(Date.parse(instant) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

interface EventDetails {
  period: string | null;
  metric: string | null;
  reportId: string | null;
  note: string | null;
  reason: string | null;
  decisionRef: string | null;
}

const NO_DETAILS: EventDetails = { period: null, metric: null, reportId: null, note: null, reason: null, decisionRef: null };

function eventDetails(event: IndicatorEvent): EventDetails {
  switch (event.type) {
    case 'IndicatorRegistered':
      return NO_DETAILS;
    case 'ProgressReported': {
      const { period, metric, reportId, note } = event.data;
      return { ...NO_DETAILS, period, metric, reportId, note: note ?? null };
    }
    case 'ProgressReportCorrected': {
      const { period, metric, reportId, note, reason } = event.data;
      return { ...NO_DETAILS, period, metric, reportId, note: note ?? null, reason };
    }
    case 'ResponsibilityReassigned':
      return { ...NO_DETAILS, reason: event.data.reason, decisionRef: event.data.decisionRef };
    case 'TargetRevised':
      return { ...NO_DETAILS, metric: event.data.metric, reason: event.data.reason, decisionRef: event.data.decisionRef };
    case 'IndicatorAssessed':
      return { ...NO_DETAILS, decisionRef: event.data.decisionRef };
    default:
      return assertNever(event);
  }
}
