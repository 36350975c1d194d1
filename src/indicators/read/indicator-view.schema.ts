/**
 * The OpenAPI schemas of an indicator and of its history as the API answers them, so that a
 * client generated from /docs-json gets typed responses. The read models' TypeScript types are the
 * source; these mirror them field for field, and an e2e test validates real answers against them
 * with every object closed (test/e2e/openapi-responses.spec.ts), so a field added to one and not
 * the other fails.
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { INDICATOR_EVENT_TYPES } from '../../domain/indicator/events';
import { TARGET_STATUSES } from '../../domain/indicator/status';
import { COMPARATORS, MEASURES } from '../../domain/indicator/target';

const text: SchemaObject = { type: 'string' };
const instant: SchemaObject = { type: 'string', format: 'date-time' };
const whole: SchemaObject = { type: 'integer' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

/** An object whose listed properties are all present (null where the domain has nothing). */
function record(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return { type: 'object', ...(description ? { description } : {}), properties, required: Object.keys(properties) };
}

const actor = record({ id: text, unitId: nullable(text) });

const target = record({
  metric: text,
  label: text,
  comparator: { type: 'string', enum: [...COMPARATORS] },
  value: nullable({ type: 'number' }),
  min: nullable({ type: 'number' }),
  max: nullable({ type: 'number' }),
  unit: text,
  measure: { type: 'string', enum: [...MEASURES] },
  accumulation: { type: 'string', enum: ['cumulative', 'level'] },
  dueDate: nullable(text),
  rankingIndex: nullable(text),
  latestValue: nullable({ type: 'number' }),
  latestPeriod: nullable(text),
  latestReportId: nullable(text),
  status: { type: 'string', enum: [...TARGET_STATUSES] },
});

const openQuery = record({
  queryId: text,
  reportId: text,
  metric: text,
  period: text,
  question: text,
  requestedBy: actor,
  raisedAt: instant,
  status: { type: 'string', enum: ['open', 'answered'] },
  answeredAt: nullable(instant),
});

const assessment = nullable(
  record({
    outcome: { type: 'string', enum: ['achieved', 'partially_achieved', 'not_achieved'] },
    conclusion: text,
    decisionRef: text,
    assessedAt: instant,
    targets: { type: 'array', items: record({ metric: text, latestValue: nullable({ type: 'number' }), status: text }) },
  }),
);

export const INDICATOR_VIEW_SCHEMA: SchemaObject = record(
  {
    id: text,
    resolutionId: text,
    year: whole,
    number: nullable(whole),
    kind: { type: 'string', enum: ['indicator', 'task'] },
    group: text,
    section: text,
    name: text,
    responsibleUnitId: text,
    responsibilityAssumed: { type: 'boolean' },
    revision: whole,
    registeredAt: instant,
    updatedAt: instant,
    targets: { type: 'array', items: target },
    counts: record({ reports: whole, corrections: whole, revisions: whole, reassignments: whole, queries: whole }),
    statusSummary: record(Object.fromEntries(TARGET_STATUSES.map((status) => [status, whole]))),
    worstStatus: { type: 'string', enum: [...TARGET_STATUSES] },
    assessment,
    closed: { type: 'boolean' },
    openQueries: { type: 'array', items: openQuery },
    openQueryCount: whole,
  },
  'An indicator or task as it stands: its targets with their latest figures and standing.',
);

/** `GET /indicators/{id}?asOf=`: the same, as known at that instant, which it names. */
export const INDICATOR_AS_OF_SCHEMA: SchemaObject = {
  ...INDICATOR_VIEW_SCHEMA,
  properties: { ...INDICATOR_VIEW_SCHEMA.properties, asOf: instant },
  required: [...(INDICATOR_VIEW_SCHEMA.required ?? [])],
  description: 'The indicator as it stands, or with `asOf` as it was known at that instant (`asOf` is then given back).',
};

export const INDICATOR_LIST_SCHEMA: SchemaObject = record({ items: { type: 'array', items: INDICATOR_VIEW_SCHEMA }, total: whole });

/** Before/after figures of an entry: their fields depend on the event type (README, Events). */
const snapshot = nullable({ type: 'object', additionalProperties: true, description: 'What the event changed, before and after it; its fields depend on the event type.' });

export const HISTORY_ENTRY_SCHEMA: SchemaObject = record({
  indicatorId: text,
  streamId: text,
  revision: whole,
  position: whole,
  type: { type: 'string', enum: [...INDICATOR_EVENT_TYPES] },
  recordedAt: instant,
  actor,
  period: nullable(text),
  effectiveDate: { type: 'string', format: 'date' },
  metric: nullable(text),
  reportId: nullable(text),
  note: nullable(text),
  reason: nullable(text),
  decisionRef: nullable(text),
  queryId: nullable(text),
  queryMessage: nullable(text),
  evidence: { type: 'array', items: record({ title: text, documentRef: text, issuedOn: { type: 'string', format: 'date' }, url: nullable(text), sha256: nullable(text) }) },
  before: snapshot,
  after: snapshot,
  summary: { type: 'string', description: 'One line in Vietnamese.' },
});

export const HISTORY_PAGE_SCHEMA: SchemaObject = record({
  items: { type: 'array', items: HISTORY_ENTRY_SCHEMA },
  total: whole,
  limit: whole,
  offset: whole,
  order: { type: 'string', enum: ['asc', 'desc'] },
});
