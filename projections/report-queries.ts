/**
 * The `report_queries` read model: one document per inspection query (yêu cầu giải trình) on a
 * progress report — the question, every answer with the documents and correction it brought, and
 * the inspector's conclusion. `GET /audit/queries?status=open` is the committee's worklist.
 *
 * Optional fields are stored as null, never left out, so a document reads the same from MongoDB
 * and from SQLite, and a field the API shows is never missing from an answer.
 */
import type { ReportQueried, ReportQueryAnswered, ReportQueryClosed } from '../src/domain/indicator/events';
import { assertNever } from '../src/domain/indicator/target';
import type { RecordedEvent } from '../src/shared/messages';
import type { EvidenceView } from './indicator-history/document';
import { evidenceViews } from './indicator-history/entry';
import { changeView, type ChangeView } from './reading-views';
import type { ProjectedDocument, ProjectionDefinition } from './projection';
import { eventTypeGuard } from './event-type-guard';
import { UnhandledEventError } from './unhandled-event';

export const REPORT_QUERIES_READ_MODEL = 'report_queries';

export type ReportQueryStatus = 'open' | 'answered' | 'closed';

export const REPORT_QUERY_STATUSES: readonly ReportQueryStatus[] = ['open', 'answered', 'closed'];

export interface QueryActor {
  id: string;
  unitId: string | null;
}

export interface ReportQueryAnswer {
  answer: string;
  answeredBy: QueryActor;
  answeredAt: string;
  evidence: EvidenceView[];
  /** The correction made together with the answer, if any: the reading before and after it, and why. */
  correction: (ChangeView & { reason: string }) | null;
  revision: number;
}

export interface ReportQueryClosure {
  conclusion: string;
  closedBy: QueryActor;
  closedAt: string;
  revision: number;
}

export interface ReportQueryDocument extends ProjectedDocument {
  /** The query id. */
  _id: string;
  queryId: string;
  indicatorId: string;
  reportId: string;
  metric: string;
  period: string;
  /** The unit that made the queried report. */
  unitId: string;
  question: string;
  requestedBy: QueryActor;
  raisedAt: string;
  status: ReportQueryStatus;
  /** Oldest first. */
  answers: ReportQueryAnswer[];
  answerCount: number;
  closure: ReportQueryClosure | null;
  /** Indicator stream revision of the last event applied. */
  revision: number;
  updatedAt: string;
}

type QueryEvent = RecordedEvent<ReportQueried | ReportQueryAnswered | ReportQueryClosed>;

const QUERY_EVENT_TYPES = ['ReportQueried', 'ReportQueryAnswered', 'ReportQueryClosed'] as const satisfies readonly QueryEvent['type'][];

const isQueryEvent = eventTypeGuard(QUERY_EVENT_TYPES);

/** An answer or closure reached a query whose ReportQueried was never applied: the events are out of order. */
export class QueryNotProjectedError extends Error {
  readonly code = 'QUERY_NOT_PROJECTED';

  constructor(
    readonly queryId: string,
    readonly eventType: string,
    readonly position: number,
  ) {
    super(`Query ${queryId} has no document: ${eventType} at position ${position} precedes the query`);
    this.name = new.target.name;
  }
}

export const reportQueriesProjection: ProjectionDefinition<ReportQueryDocument> = {
  name: REPORT_QUERIES_READ_MODEL,
  version: 1,
  events: {
    ResolutionRegistered: 'ignore',
    UnitRegistered: 'ignore',
    UnitRenamed: 'ignore',
    UnitDeactivated: 'ignore',
    IndicatorRegistered: 'ignore',
    ProgressReported: 'ignore',
    ProgressReportCorrected: 'ignore',
    ResponsibilityReassigned: 'ignore',
    TargetRevised: 'ignore',
    IndicatorAssessed: 'ignore',
    ReportQueried: 'handle',
    ReportQueryAnswered: 'handle',
    ReportQueryClosed: 'handle',
    ReviewApproved: 'ignore',
  },
  fields: {
    status: { path: 'status', type: 'text' },
    raisedAt: { path: 'raisedAt', type: 'text' },
    indicatorId: { path: 'indicatorId', type: 'text' },
    unitId: { path: 'unitId', type: 'text' },
  },
  indexes: [
    // The worklist: by status, the query waiting longest first.
    { name: 'status_raised', fields: ['status', 'raisedAt', '_id'] },
    { name: 'raised', fields: ['raisedAt', '_id'] },
    { name: 'indicator', fields: ['indicatorId'] },
    { name: 'unit', fields: ['unitId'] },
  ],
  documentIds: (event) => (isQueryEvent(event) ? [event.data.queryId] : []),
  evolve: (current, event) => {
    if (!isQueryEvent(event)) {
      if (!current) throw new UnhandledEventError(REPORT_QUERIES_READ_MODEL, event.type, event.position);
      return current;
    }
    return evolveQuery(current, event);
  },
};

export function evolveQuery(current: ReportQueryDocument | null, event: QueryEvent): ReportQueryDocument {
  if (current && event.position <= current.lastPosition) return current;
  switch (event.type) {
    case 'ReportQueried':
      // A query id is used once; if it came again, the first query stands.
      return current ?? raised(event);
    case 'ReportQueryAnswered':
      if (!current) throw new QueryNotProjectedError(event.data.queryId, event.type, event.position);
      return answered(current, event);
    case 'ReportQueryClosed':
      if (!current) throw new QueryNotProjectedError(event.data.queryId, event.type, event.position);
      return closed(current, event);
    default:
      return assertNever(event);
  }
}

function raised(event: RecordedEvent<ReportQueried>): ReportQueryDocument {
  const { data, metadata } = event;
  return {
    _id: data.queryId,
    queryId: data.queryId,
    indicatorId: data.indicatorId,
    reportId: data.reportId,
    metric: data.metric,
    period: data.period,
    unitId: data.unitId,
    question: data.question,
    requestedBy: { id: data.requestedBy.id, unitId: data.requestedBy.unitId },
    raisedAt: metadata.recordedAt,
    status: 'open',
    answers: [],
    answerCount: 0,
    closure: null,
    revision: event.revision,
    updatedAt: metadata.recordedAt,
    lastPosition: event.position,
  };
}

function answered(current: ReportQueryDocument, event: RecordedEvent<ReportQueryAnswered>): ReportQueryDocument {
  const { data, metadata } = event;
  const answer: ReportQueryAnswer = {
    answer: data.answer,
    answeredBy: actorOf(event),
    answeredAt: metadata.recordedAt,
    evidence: evidenceViews(data.evidence),
    correction: data.correction ? { ...changeView(data.correction), reason: data.correction.reason } : null,
    revision: event.revision,
  };
  const answers = [...current.answers, answer];
  return {
    ...current,
    // The decider refuses answers to a closed query; should one arrive anyway, it does not reopen it.
    status: current.status === 'closed' ? 'closed' : 'answered',
    answers,
    answerCount: answers.length,
    ...advanced(event),
  };
}

function closed(current: ReportQueryDocument, event: RecordedEvent<ReportQueryClosed>): ReportQueryDocument {
  return {
    ...current,
    status: 'closed',
    closure: { conclusion: event.data.conclusion, closedBy: actorOf(event), closedAt: event.metadata.recordedAt, revision: event.revision },
    ...advanced(event),
  };
}

function advanced(event: QueryEvent): Pick<ReportQueryDocument, 'revision' | 'updatedAt' | 'lastPosition'> {
  return { revision: event.revision, updatedAt: event.metadata.recordedAt, lastPosition: event.position };
}

function actorOf(event: QueryEvent): QueryActor {
  return { id: event.metadata.actor.id, unitId: event.metadata.actor.unitId };
}
