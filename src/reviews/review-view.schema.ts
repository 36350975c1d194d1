/** OpenAPI schemas of the review routes' answers (every answer is checked against them). */
import { MILESTONE_STATES } from '../domain/indicator/reading';
import { TARGET_STATUSES } from '../domain/indicator/status';
import { COMPARATORS, TARGET_KINDS } from '../domain/indicator/target';
import { REVIEW_CHANGES } from '../domain/review/change';
import { actor, day, enumOf, figure, instant, listOf, nullable, page, record, text, whole, yesNo, type SchemaObject } from '../http/openapi-schema';

const hash: SchemaObject = { type: 'string', description: '64 hexadecimal digits (SHA-256)' };
const statusCounts = record(Object.fromEntries(TARGET_STATUSES.map((status) => [status, whole])));
const kind = enumOf(['indicator', 'task']);
const REVIEW_STATES = ['draft', 'approved'];
const CHAIN_BREAKS = ['REVISION_GAP', 'POSITION_ORDER', 'UNSEALED_EVENT', 'PREV_HASH_MISMATCH', 'HASH_MISMATCH'];
const ACTIVITY_TYPES = ['ProgressReported', 'ProgressReportCorrected', 'ResponsibilityReassigned', 'TargetRevised', 'ReportQueried', 'ReportQueryAnswered', 'ReportQueryClosed', 'IndicatorAssessed'];

const standingFields = {
  latestValue: nullable(figure),
  latestState: nullable(enumOf(MILESTONE_STATES)),
  latestCompletedOn: nullable(day),
  latestPeriod: nullable(text),
  latestReportId: nullable(text),
  status: enumOf(TARGET_STATUSES),
};

const targetLine = record({
  metric: text,
  label: text,
  kind: enumOf(TARGET_KINDS),
  comparator: nullable(enumOf(COMPARATORS)),
  value: nullable(figure),
  min: nullable(figure),
  max: nullable(figure),
  unit: nullable(text),
  dueDate: nullable(day),
  ...standingFields,
  reportedForPeriod: yesNo,
  previous: nullable(record(standingFields)),
  change: nullable(enumOf(REVIEW_CHANGES)),
});

const reviewItem = record({
  indicatorId: text,
  number: nullable(whole),
  kind,
  group: text,
  section: text,
  name: text,
  responsibleUnitId: text,
  responsibleUnitName: nullable(text),
  worstStatus: enumOf(TARGET_STATUSES),
  targets: listOf(targetLine),
});

const activityEntry = record({
  indicatorId: text,
  revision: whole,
  type: enumOf(ACTIVITY_TYPES),
  recordedAt: instant,
  actor,
  metric: nullable(text),
  period: nullable(text),
  reportId: nullable(text),
  queryId: nullable(text),
  reason: nullable(text),
  decisionRef: nullable(text),
  summary: text,
});

const activityCounts = record(
  Object.fromEntries(['reports', 'corrections', 'reassignments', 'revisions', 'queriesRaised', 'queriesAnswered', 'queriesClosed', 'assessments'].map((k) => [k, whole])),
);

export const REVIEW_CONTENT_SCHEMA: SchemaObject = record({
  resolutionId: text,
  period: text,
  periodStart: day,
  periodEnd: day,
  previousPeriod: nullable(text),
  items: listOf(reviewItem),
  recorded: record({ counts: activityCounts, entries: listOf(activityEntry) }),
  missingReports: listOf(
    record({
      unitId: text,
      unitName: nullable(text),
      items: listOf(record({ indicatorId: text, number: nullable(whole), kind, name: text, metrics: listOf(text) })),
    }),
  ),
  totals: record({
    indicators: whole,
    tasks: whole,
    targets: whole,
    byStatus: statusCounts,
    byChange: record(Object.fromEntries(REVIEW_CHANGES.map((change) => [change, whole]))),
    byGroup: listOf(record({ group: text, indicators: whole, targets: whole, byStatus: statusCounts })),
  }),
});

export const APPROVAL_SCHEMA: SchemaObject = record({
  streamId: text,
  revision: whole,
  decisionRef: text,
  meetingDate: nullable(day),
  note: nullable(text),
  approvedAt: instant,
  approvedBy: actor,
  position: whole,
  contentHash: hash,
  auditDigest: hash,
  digestAlgorithm: text,
  eventHash: hash,
});

const fieldValues: SchemaObject = { type: 'object', additionalProperties: true, description: 'The changed fields and their values.' };

const changedSinceApproval = record({
  contentChanged: yesNo,
  currentContentHash: hash,
  targets: listOf(record({ indicatorId: text, metric: text, fields: listOf(text), approved: fieldValues, current: fieldValues })),
  events: listOf(record({ indicatorId: nullable(text), streamId: text, revision: whole, position: whole, type: text, recordedAt: instant, actor, summary: text })),
});

export const REVIEW_SCHEMA: SchemaObject = record({
  period: text,
  asOf: instant,
  state: enumOf(REVIEW_STATES),
  periodOver: yesNo,
  contentHash: hash,
  content: REVIEW_CONTENT_SCHEMA,
  approval: nullable(APPROVAL_SCHEMA),
  changedSinceApproval: nullable(changedSinceApproval),
});

export const REVIEW_LIST_SCHEMA: SchemaObject = page(
  record({
    resolutionId: text,
    period: text,
    periodStart: day,
    periodEnd: day,
    previousPeriod: nullable(text),
    periodOver: yesNo,
    state: enumOf(REVIEW_STATES),
    approval: nullable(APPROVAL_SCHEMA),
  }),
);

export const REVIEW_VERIFICATION_SCHEMA: SchemaObject = record({
  period: text,
  resolutionId: text,
  valid: yesNo,
  failures: listOf(record({ reason: enumOf(['CONTENT_HASH_MISMATCH', 'CHAIN_BROKEN', 'DIGEST_MISMATCH', 'APPROVAL_EVENT_ALTERED']), explanation: text })),
  approval: APPROVAL_SCHEMA,
  content: record({ recordedHash: hash, recomputedHash: hash, matches: yesNo }),
  auditDigest: record({
    position: whole,
    recorded: hash,
    recomputed: hash,
    matches: yesNo,
    algorithm: text,
    chainsValid: yesNo,
    brokenStreams: listOf(record({ streamId: text, firstBrokenRevision: whole, reason: enumOf(CHAIN_BREAKS), explanation: text })),
    storeHeadPosition: whole,
  }),
  approvalEvent: record({ streamId: text, valid: yesNo, firstBrokenRevision: nullable(whole), reason: nullable(enumOf(CHAIN_BREAKS)), explanation: nullable(text) }),
  computedAt: instant,
});
