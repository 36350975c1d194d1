/**
 * The inspectors' queries still awaiting a conclusion, shown on the indicator so that whoever opens
 * it sees at once what the inspection committee is asking. A query leaves the list when it is closed.
 */
import type { ReportQueried, ReportQueryAnswered, ReportQueryClosed } from '../../src/domain/indicator/events';
import type { RecordedEvent } from '../../src/shared/messages';
import type { IndicatorDocument, OpenQueryView } from './document';

export function queryRaised(current: IndicatorDocument, event: RecordedEvent<ReportQueried>): IndicatorDocument {
  const { data, metadata } = event;
  const query: OpenQueryView = {
    queryId: data.queryId,
    reportId: data.reportId,
    metric: data.metric,
    period: data.period,
    question: data.question,
    requestedBy: { ...data.requestedBy },
    raisedAt: metadata.recordedAt,
    status: 'open',
    answeredAt: null,
  };
  const others = current.openQueries.filter((existing) => existing.queryId !== data.queryId);
  return withOpenQueries({ ...current, counts: { ...current.counts, queries: current.counts.queries + 1 } }, [...others, query]);
}

export function queryAnswered(current: IndicatorDocument, event: RecordedEvent<ReportQueryAnswered>): IndicatorDocument {
  const answered = current.openQueries.map((query) =>
    query.queryId === event.data.queryId ? { ...query, status: 'answered' as const, answeredAt: event.metadata.recordedAt } : query,
  );
  return withOpenQueries(current, answered);
}

export function queryClosed(current: IndicatorDocument, event: RecordedEvent<ReportQueryClosed>): IndicatorDocument {
  return withOpenQueries(
    current,
    current.openQueries.filter((query) => query.queryId !== event.data.queryId),
  );
}

function withOpenQueries(document: IndicatorDocument, openQueries: OpenQueryView[]): IndicatorDocument {
  return { ...document, openQueries, openQueryCount: openQueries.length };
}
