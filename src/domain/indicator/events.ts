/**
 * Events of the indicator stream (`indicator-<id>`). Each carries what an auditor needs to read
 * it on its own: reassignments name both units, revisions carry the target before and after,
 * corrections carry the value they replace.
 */
import type { Message } from '../../shared/messages';
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
    targets: Target[];
  }
>;

export type ProgressReported = Message<
  'ProgressReported',
  {
    indicatorId: string;
    reportId: string;
    metric: string;
    period: string;
    value: number;
    note?: string;
    /** The unit the report was made for (the responsible unit at the time). */
    unitId: string;
  }
>;

export type ProgressReportCorrected = Message<
  'ProgressReportCorrected',
  {
    indicatorId: string;
    reportId: string;
    metric: string;
    period: string;
    previousValue: number;
    value: number;
    reason: string;
    note?: string;
  }
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

export type IndicatorAssessed = Message<
  'IndicatorAssessed',
  {
    indicatorId: string;
    outcome: AssessmentOutcome;
    /** Each target's standing as the ledger computed it when the assessment was made. */
    targets: Array<{ metric: string; latestValue: number | null; status: string }>;
    conclusion: string;
    decisionRef: string;
  }
>;

export type IndicatorEvent =
  | IndicatorRegistered
  | ProgressReported
  | ProgressReportCorrected
  | ResponsibilityReassigned
  | TargetRevised
  | IndicatorAssessed;

export type IndicatorEventType = IndicatorEvent['type'];

export const INDICATOR_EVENT_TYPES: readonly IndicatorEventType[] = [
  'IndicatorRegistered',
  'ProgressReported',
  'ProgressReportCorrected',
  'ResponsibilityReassigned',
  'TargetRevised',
  'IndicatorAssessed',
];

export const INDICATOR_STREAM_PREFIX = 'indicator-';

export const indicatorStreamId = (indicatorId: string): string => `${INDICATOR_STREAM_PREFIX}${indicatorId}`;
