/**
 * Commands on an indicator. Everything a decision needs arrives on the command: the actor, the
 * moment (from the injected clock), ids chosen by the handler, and snapshots of other aggregates
 * the handler read (the unit taking over, the resolution being implemented).
 */
import type { Actor } from '../../shared/messages';
import type { Evidence } from './evidence';
import type { AssessmentOutcome, IndicatorRegistered } from './events';
import type { ReadingInput } from './reading';
import type { TargetChange } from './target';

export interface CommandContext {
  actor: Actor;
  /** ISO-8601 instant the command is decided at. */
  now: string;
}

/** What the handler knows of a unit when the command is decided. */
export interface UnitSnapshot {
  unitId: string;
  exists: boolean;
  active: boolean;
}

export interface ResolutionSnapshot {
  resolutionId: string;
  exists: boolean;
  year: number | null;
}

type Command<Type extends string, Data, Extra = unknown> = { type: Type; data: Data; context: CommandContext } & Extra;

export type RegisterIndicator = Command<
  'RegisterIndicator',
  Omit<IndicatorRegistered['data'], 'year'>,
  { responsibleUnit: UnitSnapshot; resolution: ResolutionSnapshot }
>;

/**
 * Reports and corrections bring the reading as the client sent it (`value`, or `state`, `narrative`
 * and `completedOn`): which of them the target takes is the decider's rule, not the command's shape.
 */
export type ReportProgress = Command<
  'ReportProgress',
  { indicatorId: string; reportId: string; metric: string; period: string; note?: string; evidence?: Evidence[] } & ReadingInput
>;

export type CorrectProgressReport = Command<
  'CorrectProgressReport',
  { indicatorId: string; reportId: string; reason: string; note?: string; evidence?: Evidence[] } & ReadingInput
>;

export type ReassignResponsibility = Command<
  'ReassignResponsibility',
  { indicatorId: string; toUnitId: string; reason: string; decisionRef: string },
  { toUnit: UnitSnapshot }
>;

export type ReviseTarget = Command<
  'ReviseTarget',
  { indicatorId: string; metric: string; change: TargetChange; reason: string; decisionRef: string }
>;

export type AssessIndicator = Command<
  'AssessIndicator',
  { indicatorId: string; outcome: AssessmentOutcome; conclusion: string; decisionRef: string }
>;

/** `queryId` is chosen by the handler (derived from the command id, so a retry reuses it). */
export type RaiseReportQuery = Command<'RaiseReportQuery', { indicatorId: string; reportId: string; queryId: string; question: string }>;

export type AnswerReportQuery = Command<
  'AnswerReportQuery',
  {
    indicatorId: string;
    queryId: string;
    answer: string;
    evidence?: Evidence[];
    /** Correct the queried report in the same step: both events are appended together or not at all. */
    correction?: ReadingInput & { reason: string };
  }
>;

export type CloseReportQuery = Command<'CloseReportQuery', { indicatorId: string; queryId: string; conclusion: string }>;

export type IndicatorCommand =
  | RegisterIndicator
  | ReportProgress
  | CorrectProgressReport
  | ReassignResponsibility
  | ReviseTarget
  | AssessIndicator
  | RaiseReportQuery
  | AnswerReportQuery
  | CloseReportQuery;
