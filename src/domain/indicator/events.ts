/**
 * Events of the indicator stream (`indicator-<id>`). Each carries what an auditor needs to read
 * it on its own: reassignments name both units, revisions carry the target before and after,
 * corrections carry the value they replace.
 */
import type { Message } from '../../shared/messages';
import type { Evidence } from './evidence';
import type { MilestoneState, Reading, ReadingChange } from './reading';
import type { Target } from './target';

export type IndicatorKind = 'indicator' | 'task';

export interface DecisionReference {
  reason: string;
  /** Số hiệu văn bản: the document that authorises the change, e.g. '125-QĐ/TU'. */
  decisionRef: string;
}

export type IndicatorRegistered = Message<
  'IndicatorRegistered',
  {
    indicatorId: string;
    resolutionId: string;
    /** The resolution's year: reports must fall in it. */
    year: number;
    kind: IndicatorKind;
    /** 1–20 for kind `indicator`; absent for tasks. */
    number?: number;
    group: string;
    /** Where in the resolution it is stated, e.g. 'I.2' or 'II.7.1'. */
    section: string;
    name: string;
    responsibleUnitId: string;
    /** Set when the resolution names no unit and the seed assigned the most plausible one. */
    responsibilityAssumed?: boolean;
    /** For a task: the key indicators (their ids) it works towards; absent when none. */
    supportsIndicators?: string[];
    targets: Target[];
  }
>;

/** A report gives a figure (`value`) for a numeric target, a state and a narrative for a milestone. */
export type ProgressReported = Message<
  'ProgressReported',
  {
    indicatorId: string;
    reportId: string;
    metric: string;
    period: string;
    note?: string;
    /** The unit the report was made for (the responsible unit at the time). */
    unitId: string;
    /** Documents cited for the report; absent when none (and in events recorded before evidence existed). */
    evidence?: Evidence[];
  } & Reading
>;

/** A correction replaces the report's reading: `previousValue` → `value`, or a milestone's `previous` reading → the new one. */
export type ProgressReportCorrected = Message<
  'ProgressReportCorrected',
  {
    indicatorId: string;
    reportId: string;
    metric: string;
    period: string;
    reason: string;
    note?: string;
    evidence?: Evidence[];
    /** Set when the correction was made in answer to an inspector's query. */
    queryId?: string;
  } & ReadingChange
>;

export type ResponsibilityReassigned = Message<
  'ResponsibilityReassigned',
  { indicatorId: string; fromUnitId: string; toUnitId: string } & DecisionReference
>;

export type TargetRevised = Message<
  'TargetRevised',
  { indicatorId: string; metric: string; before: Target; after: Target } & DecisionReference
>;

export type AssessmentOutcome = 'achieved' | 'partially_achieved' | 'not_achieved';

/** A target's standing as an assessment records it; `latestState` is given for milestone targets only. */
export interface AssessedTarget {
  metric: string;
  latestValue: number | null;
  latestState?: MilestoneState | null;
  status: string;
}

export type IndicatorAssessed = Message<
  'IndicatorAssessed',
  {
    indicatorId: string;
    outcome: AssessmentOutcome;
    /** Each target's standing as the ledger computed it when the assessment was made. */
    targets: AssessedTarget[];
    conclusion: string;
    decisionRef: string;
  }
>;

/** Who raised an inspection query, as the query itself records it. */
export interface QueryRequester {
  id: string;
  unitId: string | null;
}

/** The report an inspection query is about, named fully so each query event reads on its own. */
interface QueriedReport {
  indicatorId: string;
  queryId: string;
  reportId: string;
  metric: string;
  period: string;
}

/** An inspector asks the responsible unit to explain a report: its figure, or a milestone's state and narrative (yêu cầu giải trình). */
export type ReportQueried = Message<
  'ReportQueried',
  QueriedReport & {
    /** The unit that made the report. */
    unitId: string;
    question: string;
    requestedBy: QueryRequester;
  }
>;

/** The responsible unit answers; when it corrects the report too, the correction is the event just before. */
export type ReportQueryAnswered = Message<
  'ReportQueryAnswered',
  QueriedReport & {
    answer: string;
    evidence?: Evidence[];
    correction?: ReadingChange & { reason: string };
  }
>;

/** An inspector closes the query with a conclusion (kết luận). */
export type ReportQueryClosed = Message<'ReportQueryClosed', QueriedReport & { conclusion: string }>;

export type IndicatorEvent =
  | IndicatorRegistered
  | ProgressReported
  | ProgressReportCorrected
  | ResponsibilityReassigned
  | TargetRevised
  | IndicatorAssessed
  | ReportQueried
  | ReportQueryAnswered
  | ReportQueryClosed;

export type IndicatorEventType = IndicatorEvent['type'];

export const INDICATOR_EVENT_TYPES: readonly IndicatorEventType[] = [
  'IndicatorRegistered',
  'ProgressReported',
  'ProgressReportCorrected',
  'ResponsibilityReassigned',
  'TargetRevised',
  'IndicatorAssessed',
  'ReportQueried',
  'ReportQueryAnswered',
  'ReportQueryClosed',
];

export const INDICATOR_STREAM_PREFIX = 'indicator-';

export const indicatorStreamId = (indicatorId: string): string => `${INDICATOR_STREAM_PREFIX}${indicatorId}`;
