/**
 * The OpenAPI schemas of an indicator and of its history as the API answers them, so that a
 * client generated from /docs-json gets typed responses. The read models' TypeScript types are the
 * source; these mirror them field for field, and an e2e test validates real answers against them
 * with every object closed (test/support/openapi-contract.ts), so a field added to one and not
 * the other fails.
 */
import { actor, day, figure, instant, listOf, nullable, enumOf, page, record, text, whole, yesNo, type SchemaObject } from '../../http/openapi-schema';
import { INDICATOR_EVENT_TYPES } from '../../domain/indicator/events';
import { MILESTONE_STATES } from '../../domain/indicator/reading';
import { TARGET_STATUSES } from '../../domain/indicator/status';
import { COMPARATORS, MEASURES, TARGET_KINDS } from '../../domain/indicator/target';

const milestoneState = nullable(enumOf(MILESTONE_STATES));

/** A numeric target's goal fields are null on a milestone, whose standing is its latest state instead of a latest value. */
const target = record({
  metric: text,
  label: text,
  kind: enumOf(TARGET_KINDS),
  comparator: nullable(enumOf(COMPARATORS)),
  value: nullable(figure),
  min: nullable(figure),
  max: nullable(figure),
  unit: nullable(text),
  measure: nullable(enumOf(MEASURES)),
  accumulation: nullable(enumOf(['cumulative', 'level'])),
  dueDate: nullable(day),
  rankingIndex: nullable(text),
  latestValue: nullable(figure),
  latestState: milestoneState,
  latestCompletedOn: nullable(day),
  latestPeriod: nullable(text),
  latestReportId: nullable(text),
  status: enumOf(TARGET_STATUSES),
});

const openQuery = record({
  queryId: text,
  reportId: text,
  metric: text,
  period: text,
  question: text,
  requestedBy: actor,
  raisedAt: instant,
  status: enumOf(['open', 'answered']),
  answeredAt: nullable(instant),
});

const assessment = nullable(
  record({
    outcome: enumOf(['achieved', 'partially_achieved', 'not_achieved']),
    conclusion: text,
    decisionRef: text,
    assessedAt: instant,
    targets: listOf(record({ metric: text, latestValue: nullable(figure), latestState: milestoneState, status: text })),
  }),
);

export const INDICATOR_VIEW_SCHEMA: SchemaObject = record(
  {
    id: text,
    resolutionId: text,
    year: whole,
    number: nullable(whole),
    kind: enumOf(['indicator', 'task']),
    group: text,
    section: text,
    name: text,
    responsibleUnitId: text,
    responsibilityAssumed: yesNo,
    supportsIndicators: listOf(text),
    revision: whole,
    registeredAt: instant,
    updatedAt: instant,
    targets: listOf(target),
    counts: record({ reports: whole, corrections: whole, revisions: whole, reassignments: whole, queries: whole }),
    statusSummary: record(Object.fromEntries(TARGET_STATUSES.map((status) => [status, whole]))),
    worstStatus: enumOf(TARGET_STATUSES),
    assessment,
    closed: yesNo,
    openQueries: listOf(openQuery),
    openQueryCount: whole,
  },
  'An indicator or task as it stands: its targets with their latest figures and standing.',
);

/** `GET /indicators/{id}?asOf=`: the same, as known at that instant, which it names. */
export const INDICATOR_AS_OF_SCHEMA: SchemaObject = {
  ...INDICATOR_VIEW_SCHEMA,
  properties: { ...INDICATOR_VIEW_SCHEMA.properties, asOf: instant },
  description: 'The indicator as it stands, or with `asOf` as it was known at that instant (`asOf` is then given back).',
};

export const INDICATOR_LIST_SCHEMA: SchemaObject = page(INDICATOR_VIEW_SCHEMA);

/** Before/after figures of an entry: their fields depend on the event type (README, Events). */
const snapshot = nullable({ type: 'object', additionalProperties: true, description: 'What the event changed, before and after it; its fields depend on the event type.' });

export const HISTORY_ENTRY_SCHEMA: SchemaObject = record({
  indicatorId: text,
  streamId: text,
  revision: whole,
  position: whole,
  type: enumOf(INDICATOR_EVENT_TYPES),
  recordedAt: instant,
  actor,
  period: nullable(text),
  effectiveDate: day,
  metric: nullable(text),
  reportId: nullable(text),
  note: nullable(text),
  reason: nullable(text),
  decisionRef: nullable(text),
  queryId: nullable(text),
  queryMessage: nullable(text),
  evidence: listOf(record({ title: text, documentRef: text, issuedOn: day, url: nullable(text), sha256: nullable(text) })),
  before: snapshot,
  after: snapshot,
  summary: { type: 'string', description: 'One line in Vietnamese.' },
});

export const HISTORY_PAGE_SCHEMA: SchemaObject = page(HISTORY_ENTRY_SCHEMA, { limit: whole, offset: whole, order: enumOf(['asc', 'desc']) });
