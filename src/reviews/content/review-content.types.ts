/**
 * What a review says: the content the standing committee receives, approves and later verifies.
 * Everything in it is computed from ledger events alone (no wall clock, no store position, no read
 * model), so the same events always give the same content and the same hash.
 */
import type { IndicatorKind } from '../../domain/indicator/events';
import type { MilestoneState } from '../../domain/indicator/reading';
import type { StatusSummary } from '../../../projections/indicators';
import type { TargetStatus } from '../../domain/indicator/status';
import type { Comparator, TargetKind } from '../../domain/indicator/target';
import type { ReviewChange } from '../../domain/review/change';

/** A target's standing at the end of a period. */
export interface ReviewStanding {
  latestValue: number | null;
  latestState: MilestoneState | null;
  latestCompletedOn: string | null;
  /** The period of the report the standing comes from. */
  latestPeriod: string | null;
  latestReportId: string | null;
  status: TargetStatus;
}

export interface ReviewTargetLine extends ReviewStanding {
  metric: string;
  label: string;
  kind: TargetKind;
  comparator: Comparator | null;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string | null;
  dueDate: string | null;
  /** True when some report for the reviewed period itself (its period ends within it) gives this target a reading. */
  reportedForPeriod: boolean;
  /** The standing at the end of the previous quarter, as known at the same cut-off; null for the first quarter. */
  previous: ReviewStanding | null;
  /** Since the previous quarter (docs/reviews.md); null for the first quarter. */
  change: ReviewChange | null;
}

export interface ReviewItem {
  indicatorId: string;
  number: number | null;
  kind: IndicatorKind;
  group: string;
  section: string;
  name: string;
  responsibleUnitId: string;
  responsibleUnitName: string | null;
  worstStatus: TargetStatus;
  targets: ReviewTargetLine[];
}

export type ReviewActivityType =
  | 'ProgressReported'
  | 'ProgressReportCorrected'
  | 'ResponsibilityReassigned'
  | 'TargetRevised'
  | 'ReportQueried'
  | 'ReportQueryAnswered'
  | 'ReportQueryClosed'
  | 'IndicatorAssessed';

/** One event recorded during the period, as the review lists it. */
export interface ReviewActivityEntry {
  indicatorId: string;
  revision: number;
  type: ReviewActivityType;
  recordedAt: string;
  actor: { id: string; unitId: string | null };
  metric: string | null;
  period: string | null;
  reportId: string | null;
  queryId: string | null;
  reason: string | null;
  decisionRef: string | null;
  summary: string;
}

export interface ReviewActivityCounts {
  reports: number;
  corrections: number;
  reassignments: number;
  revisions: number;
  queriesRaised: number;
  queriesAnswered: number;
  queriesClosed: number;
  assessments: number;
}

export interface MissingReportItem {
  indicatorId: string;
  number: number | null;
  kind: IndicatorKind;
  name: string;
  /** The targets with no report for the period. */
  metrics: string[];
}

export interface MissingReportsOfUnit {
  unitId: string;
  unitName: string | null;
  items: MissingReportItem[];
}

export interface ReviewGroupTotals {
  group: string;
  indicators: number;
  targets: number;
  byStatus: StatusSummary;
}

export interface ReviewTotals {
  indicators: number;
  tasks: number;
  targets: number;
  byStatus: StatusSummary;
  /** Targets by change since the previous quarter; every count is 0 for the first quarter. */
  byChange: Record<ReviewChange, number>;
  byGroup: ReviewGroupTotals[];
}

export interface ReviewContent {
  resolutionId: string;
  period: string;
  /** First and last local day of the period (YYYY-MM-DD). */
  periodStart: string;
  periodEnd: string;
  previousPeriod: string | null;
  items: ReviewItem[];
  recorded: { counts: ReviewActivityCounts; entries: ReviewActivityEntry[] };
  missingReports: MissingReportsOfUnit[];
  totals: ReviewTotals;
}
