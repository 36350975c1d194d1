/**
 * OpenAPI schemas of the inspection lists: `GET /audit/queries` and `GET /progress-reports`
 * (every answer is checked against them: test/support/openapi-contract.ts).
 */
import { MILESTONE_STATES } from '../../domain/indicator/reading';
import { actor, day, figure, instant, listOf, nullable, enumOf, page, record, text, whole, yesNo, type SchemaObject } from '../../http/openapi-schema';

const evidence = record({ title: text, documentRef: text, issuedOn: day, url: nullable(text), sha256: nullable(text) });

const state = nullable(enumOf(MILESTONE_STATES));

/** A report's reading: `value` for a figure, or a milestone's `state`, `narrative` and `completedOn` (null where it has nothing). */
const reading = { value: nullable(figure), state, narrative: nullable(text), completedOn: nullable(day) };

/** A correction: the reading before and after it. */
const change = {
  previousValue: nullable(figure),
  previousState: state,
  previousNarrative: nullable(text),
  previousCompletedOn: nullable(day),
  ...reading,
};

export const REPORT_QUERIES_LIST_SCHEMA: SchemaObject = page(
  record({
    queryId: text,
    indicatorId: text,
    reportId: text,
    metric: text,
    period: text,
    unitId: text,
    question: text,
    requestedBy: actor,
    raisedAt: instant,
    status: enumOf(['open', 'answered', 'closed']),
    answers: listOf(
      record({
        answer: text,
        answeredBy: actor,
        answeredAt: instant,
        evidence: listOf(evidence),
        correction: nullable(record({ ...change, reason: text })),
        revision: whole,
      }),
    ),
    answerCount: whole,
    closure: nullable(record({ conclusion: text, closedBy: actor, closedAt: instant, revision: whole })),
    revision: whole,
    updatedAt: instant,
  }),
);

export const PROGRESS_REPORTS_LIST_SCHEMA: SchemaObject = page(
  record({
    reportId: text,
    indicatorId: text,
    metric: text,
    period: text,
    unitId: text,
    originalValue: nullable(figure),
    originalState: state,
    ...reading,
    note: nullable(text),
    reportedBy: actor,
    reportedAt: instant,
    corrections: listOf(record({ ...change, reason: text, note: nullable(text), correctedBy: actor, correctedAt: instant, revision: whole })),
    correctionCount: whole,
    evidence: listOf(
      record({ ...evidence.properties, citedIn: enumOf(['report', 'correction', 'query_answer']), revision: whole, citedAt: instant, citedBy: actor }),
    ),
    hasEvidence: yesNo,
    revision: whole,
    updatedAt: instant,
  }),
);
