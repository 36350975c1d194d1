/** The write-side state of one indicator: only what the rules need, folded from its events. */
import type { IndicatorEvent, IndicatorKind } from './events';
import { assertNever, type Target } from './target';
import type { ReportFigure } from './latest-figures';
import { readingAfter, readingOf, type Reading } from './reading';

/** A report as the rules need it: its current reading (after corrections) and what ranks it. */
export type ReportRecord = ReportFigure & {
  reportId: string;
  unitId: string;
};

export type QueryStatus = 'open' | 'answered' | 'closed';

/** An inspector's query on one report, as far as the rules need it. */
export interface QueryRecord {
  queryId: string;
  reportId: string;
  status: QueryStatus;
}

export type IndicatorState =
  | { status: 'unregistered' }
  | {
      status: 'active' | 'closed';
      indicatorId: string;
      kind: IndicatorKind;
      year: number;
      responsibleUnitId: string;
      targets: Target[];
      reports: ReportRecord[];
      queries: QueryRecord[];
    };

export type RegisteredIndicator = Extract<IndicatorState, { status: 'active' | 'closed' }>;

export const initialIndicatorState = (): IndicatorState => ({ status: 'unregistered' });

/** An event as the fold sees it: recorded events add when they were recorded, which ranks same-period reports. */
export type FoldableIndicatorEvent = IndicatorEvent & { metadata?: { recordedAt: string } };

export function evolveIndicator(state: IndicatorState, event: FoldableIndicatorEvent): IndicatorState {
  if (event.type === 'IndicatorRegistered') {
    const { indicatorId, kind, year, responsibleUnitId, targets } = event.data;
    return { status: 'active', indicatorId, kind, year, responsibleUnitId, targets, reports: [], queries: [] };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'ProgressReported': {
      const { reportId, metric, period, unitId } = event.data;
      const recordedAt = event.metadata?.recordedAt ?? '';
      return { ...state, reports: [...state.reports, { reportId, metric, period, unitId, recordedAt, ...readingOf(event.data) }] };
    }
    case 'ProgressReportCorrected': {
      const corrected = readingAfter(event.data);
      return {
        ...state,
        reports: state.reports.map((r) => (r.reportId === event.data.reportId ? withReading(r, corrected) : r)),
      };
    }
    case 'ResponsibilityReassigned':
      return { ...state, responsibleUnitId: event.data.toUnitId };
    case 'TargetRevised':
      return {
        ...state,
        targets: state.targets.map((t) => (t.metric === event.data.metric ? event.data.after : t)),
      };
    case 'IndicatorAssessed':
      return { ...state, status: 'closed' };
    case 'ReportQueried':
      return { ...state, queries: [...state.queries, { queryId: event.data.queryId, reportId: event.data.reportId, status: 'open' }] };
    case 'ReportQueryAnswered':
      return withQueryStatus(state, event.data.queryId, 'answered');
    case 'ReportQueryClosed':
      return withQueryStatus(state, event.data.queryId, 'closed');
    default:
      return assertNever(event);
  }
}

/** The record with its reading replaced whole: a corrected milestone keeps no completion day it no longer states. */
function withReading(record: ReportRecord, reading: Reading): ReportRecord {
  const { reportId, metric, period, unitId, recordedAt } = record;
  return { reportId, metric, period, unitId, recordedAt, ...reading };
}

function withQueryStatus(state: RegisteredIndicator, queryId: string, status: QueryStatus): RegisteredIndicator {
  return { ...state, queries: state.queries.map((q) => (q.queryId === queryId ? { ...q, status } : q)) };
}

export function foldIndicator(events: readonly FoldableIndicatorEvent[]): IndicatorState {
  return events.reduce(evolveIndicator, initialIndicatorState());
}
