/**
 * The `indicators` read model: one document per indicator or task, with its current targets, the
 * latest figure and status of each, and each metric's latest figure to recompute them from.
 *
 * Optional domain fields are stored as `null`, never left out, so that a document reads the same
 * from MongoDB and from SQLite, and a field the API shows is never missing from an answer.
 */
import type { AssessmentOutcome, IndicatorKind } from '../../src/domain/indicator/events';
import type { MilestoneState } from '../../src/domain/indicator/reading';
import type { TargetStatus } from '../../src/domain/indicator/status';
import type { Accumulation, Comparator, Measure, TargetKind } from '../../src/domain/indicator/target';
import type { ProjectedDocument } from '../projection';

/**
 * A target with its standing. A numeric target has its goal (`comparator`, `value`/`min`/`max`,
 * `unit`, `measure`, `accumulation`) and its `latestValue`; a milestone has none of these (null)
 * and its `latestState` and `latestCompletedOn` instead.
 */
export interface IndicatorTargetView {
  metric: string;
  label: string;
  kind: TargetKind;
  comparator: Comparator | null;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string | null;
  measure: Measure | null;
  accumulation: Accumulation | null;
  dueDate: string | null;
  rankingIndex: string | null;
  latestValue: number | null;
  latestState: MilestoneState | null;
  latestCompletedOn: string | null;
  latestPeriod: string | null;
  latestReportId: string | null;
  status: TargetStatus;
}

/** One report's current reading (after corrections): a value, or a milestone's state and completion day. */
export interface IndicatorFigure {
  reportId: string;
  metric: string;
  period: string;
  value: number | null;
  state: MilestoneState | null;
  completedOn: string | null;
  /** When the report (not its corrections) was recorded: the tie-breaker among equal periods. */
  recordedAt: string;
}

export type StatusSummary = Record<TargetStatus, number>;

export interface IndicatorAssessmentView {
  outcome: AssessmentOutcome;
  conclusion: string;
  decisionRef: string;
  assessedAt: string;
  /** The standing of each target as the assessment recorded it; the live `targets[].status` may differ later only if data is corrected. */
  targets: Array<{ metric: string; latestValue: number | null; latestState: MilestoneState | null; status: string }>;
}

export interface IndicatorActivityCounts {
  reports: number;
  corrections: number;
  revisions: number;
  reassignments: number;
  /** Inspection queries raised, whatever became of them. */
  queries: number;
}

/** An inspector's query not closed yet: `open` awaits the unit's answer, `answered` the inspector's conclusion. */
export interface OpenQueryView {
  queryId: string;
  reportId: string;
  metric: string;
  period: string;
  question: string;
  requestedBy: { id: string; unitId: string | null };
  raisedAt: string;
  status: 'open' | 'answered';
  /** When the latest answer was recorded; null while unanswered. */
  answeredAt: string | null;
}

export interface IndicatorDocument extends ProjectedDocument {
  /** The indicator id, same as `id`. */
  _id: string;
  id: string;
  resolutionId: string;
  year: number;
  /** 1–20 for kind `indicator`; null for tasks. */
  number: number | null;
  kind: IndicatorKind;
  group: string;
  section: string;
  name: string;
  responsibleUnitId: string;
  /** True while the responsible unit is the seed's assumption; a reassignment by decision clears it. */
  responsibilityAssumed: boolean;
  /** For a task: the key indicators it works towards, as registered; empty otherwise. */
  supportsIndicators: string[];
  /** Revision of the indicator stream this document reflects (0-based), for optimistic concurrency. */
  revision: number;
  registeredAt: string;
  updatedAt: string;
  targets: IndicatorTargetView[];
  /**
   * For each metric reported, the figure that gives its targets their latest value, by the
   * domain's rule (`latestFigure`), with its current value. Which report that is depends on its
   * period and recording time alone, which no correction changes; so these figures, not every
   * report's, are all a later report, correction or revision needs (each report's current value
   * is in `progress_reports`).
   */
  latestFigures: IndicatorFigure[];
  counts: IndicatorActivityCounts;
  statusSummary: StatusSummary;
  worstStatus: TargetStatus;
  assessment: IndicatorAssessmentView | null;
  closed: boolean;
  /** Queries not yet closed, oldest first. */
  openQueries: OpenQueryView[];
  openQueryCount: number;
}
