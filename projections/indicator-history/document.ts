/**
 * The `indicator_history` read model: one document per indicator event, the audit timeline an
 * inspector reads — who, when, under which decision, what the value was before and after.
 */
import type { AssessmentOutcome, IndicatorEventType } from '../../src/domain/indicator/events';
import type { MilestoneState } from '../../src/domain/indicator/reading';
import type { Comparator } from '../../src/domain/indicator/target';
import type { ProjectedDocument } from '../projection';

/**
 * A target's goal, the part a revision changes. Absent fields are null so before/after compare
 * field by field; a milestone's goal is its deadline alone (`comparator` null).
 */
export interface GoalSnapshot {
  comparator: Comparator | null;
  value: number | null;
  min: number | null;
  max: number | null;
  dueDate: string | null;
}

export interface RegistrationSnapshot {
  responsibleUnitId: string;
  targets: Array<GoalSnapshot & { metric: string; unit: string | null }>;
}

export interface FigureSnapshot {
  value: number;
}

/** What a milestone report says: its state, the narrative, and the completion day (null unless completed). */
export interface MilestoneSnapshot {
  state: MilestoneState;
  narrative: string;
  completedOn: string | null;
}

export interface ResponsibilitySnapshot {
  responsibleUnitId: string;
}

export interface AssessmentSnapshot {
  outcome: AssessmentOutcome;
  conclusion: string;
  targets: Array<{ metric: string; latestValue: number | null; latestState?: MilestoneState | null; status: string }>;
}

/** Where an inspector's query stands after the event. */
export interface QuerySnapshot {
  queryStatus: 'open' | 'answered' | 'closed';
}

export type HistorySnapshot =
  | RegistrationSnapshot
  | FigureSnapshot
  | MilestoneSnapshot
  | ResponsibilitySnapshot
  | GoalSnapshot
  | AssessmentSnapshot
  | QuerySnapshot;

/** A cited document as the timeline shows it: absent optional fields are null. */
export interface EvidenceView {
  title: string;
  documentRef: string;
  issuedOn: string;
  url: string | null;
  sha256: string | null;
}

export interface IndicatorHistoryEntry extends ProjectedDocument {
  /** `${streamId}:${revision}`. */
  _id: string;
  indicatorId: string;
  streamId: string;
  revision: number;
  position: number;
  type: IndicatorEventType;
  recordedAt: string;
  actor: { id: string; unitId: string | null };
  /** The reporting period of a report or correction, else null. */
  period: string | null;
  /**
   * Local date (YYYY-MM-DD, UTC+07:00) the entry speaks for: the last day of the period for reports
   * and corrections (a correction restates that period's figure), the day it was recorded otherwise.
   */
  effectiveDate: string;
  metric: string | null;
  reportId: string | null;
  note: string | null;
  reason: string | null;
  decisionRef: string | null;
  /** The inspection query the event belongs to (a query, its answer, its closure, a correction made in answer). */
  queryId: string | null;
  /** The query's question, the unit's answer or the inspector's conclusion. */
  queryMessage: string | null;
  /** Documents the event cites (reports, corrections, answers); empty when none. */
  evidence: EvidenceView[];
  before: HistorySnapshot | null;
  after: HistorySnapshot | null;
  /** One line in Vietnamese. */
  summary: string;
}
