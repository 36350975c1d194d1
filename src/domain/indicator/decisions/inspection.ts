/**
 * The inspector's workflow on a progress report (yêu cầu giải trình): an inspector raises a query,
 * the responsible unit answers it (optionally correcting the figure in the same step), an inspector
 * closes it with a conclusion.
 *
 * - Only inspectors raise and close. Any inspector may close a query, not only the one who raised
 *   it: queries belong to the committee, not to a person.
 * - Only the unit now responsible for the indicator answers (its reporter), or a coordinator — the
 *   same right as correcting a report, because an answer may carry a correction.
 * - A closed query takes no further answer; an answered one may be answered again until it is
 *   closed (a unit supplementing its explanation with a document it found later).
 * - A query is closed on the basis of an answer: an unanswered query cannot be closed.
 * - Queries may follow a final assessment (DESIGN: nothing but an inspector's query may follow
 *   it), so raising, answering and closing work on a closed indicator; an answer that corrects the
 *   figure does not, because the assessed figures are final.
 */
import { BusinessRuleError, NotFoundError } from '../../../shared/errors';
import { requireAnyRole, requireReportingRight } from '../authorization';
import type { AnswerReportQuery, CloseReportQuery, RaiseReportQuery } from '../commands';
import { acceptEvidence } from '../evidence';
import type { ProgressReportCorrected, ReportQueried, ReportQueryAnswered, ReportQueryClosed } from '../events';
import type { IndicatorState, QueryRecord, RegisteredIndicator } from '../state';
import { requireOpen, requireRegistered, requireText } from './common';
import { correctionOf, requireReport } from './reporting';

export function decideRaiseQuery(command: RaiseReportQuery, state: IndicatorState): ReportQueried[] {
  const { data, context } = command;
  const indicator = requireRegistered(state, data.indicatorId);
  requireAnyRole(context.actor, ['inspector'], 'raise a query on a report');
  const report = requireReport(indicator, data.reportId);
  const question = requireText(data.question, 'QUESTION_REQUIRED', 'The question');
  if (indicator.queries.some((q) => q.queryId === data.queryId)) {
    throw new BusinessRuleError('DUPLICATE_QUERY_ID', `Query id ${data.queryId} is already used`, { queryId: data.queryId });
  }
  return [
    {
      type: 'ReportQueried',
      data: {
        indicatorId: indicator.indicatorId,
        queryId: data.queryId,
        reportId: report.reportId,
        metric: report.metric,
        period: report.period,
        unitId: report.unitId,
        question,
        requestedBy: { id: context.actor.id, unitId: context.actor.unitId },
      },
    },
  ];
}

export function decideAnswerQuery(
  command: AnswerReportQuery,
  state: IndicatorState,
): Array<ProgressReportCorrected | ReportQueryAnswered> {
  const { data, context } = command;
  const indicator = requireRegistered(state, data.indicatorId);
  const query = requireQuery(indicator, data.queryId);
  if (query.status === 'closed') {
    throw new BusinessRuleError('QUERY_CLOSED', `Query ${data.queryId} is closed and takes no further answer`, { queryId: data.queryId });
  }
  requireReportingRight(context.actor, indicator);
  const answer = requireText(data.answer, 'ANSWER_REQUIRED', 'The answer');
  const evidence = acceptEvidence(data.evidence, context.now);
  const report = requireReport(indicator, query.reportId);
  const about = { indicatorId: indicator.indicatorId, queryId: query.queryId, reportId: report.reportId, metric: report.metric, period: report.period };

  if (!data.correction) {
    return [{ type: 'ReportQueryAnswered', data: { ...about, answer, ...(evidence ? { evidence } : {}) } }];
  }
  // The assessment fixed the figures: an explanation may follow it, a new figure may not.
  requireOpen(indicator, indicator.indicatorId);
  const correction = correctionOf(indicator, report, { ...data.correction, queryId: query.queryId }, context.now);
  return [
    correction,
    { type: 'ReportQueryAnswered', data: { ...about, answer, ...(evidence ? { evidence } : {}), correction: answeredCorrection(correction) } },
  ];
}

export function decideCloseQuery(command: CloseReportQuery, state: IndicatorState): ReportQueryClosed[] {
  const { data, context } = command;
  const indicator = requireRegistered(state, data.indicatorId);
  requireAnyRole(context.actor, ['inspector'], 'close a query');
  const query = requireQuery(indicator, data.queryId);
  if (query.status === 'closed') {
    throw new BusinessRuleError('QUERY_CLOSED', `Query ${data.queryId} is already closed`, { queryId: data.queryId });
  }
  if (query.status === 'open') {
    throw new BusinessRuleError('QUERY_NOT_ANSWERED', `Query ${data.queryId} has not been answered yet`, { queryId: data.queryId });
  }
  const conclusion = requireText(data.conclusion, 'CONCLUSION_REQUIRED', 'The conclusion');
  const report = requireReport(indicator, query.reportId);
  return [
    {
      type: 'ReportQueryClosed',
      data: {
        indicatorId: indicator.indicatorId,
        queryId: query.queryId,
        reportId: report.reportId,
        metric: report.metric,
        period: report.period,
        conclusion,
      },
    },
  ];
}

/** The correction as the answer repeats it: what changed and why (the event just before has the rest). */
function answeredCorrection({ data }: ProgressReportCorrected): NonNullable<ReportQueryAnswered['data']['correction']> {
  const reason = data.reason;
  if (data.previous === undefined) return { previousValue: data.previousValue, value: data.value, reason };
  const { previous, state, narrative, completedOn } = data;
  return { previous, state, narrative, ...(completedOn === undefined ? {} : { completedOn }), reason };
}

function requireQuery(indicator: RegisteredIndicator, queryId: string): QueryRecord {
  const query = indicator.queries.find((q) => q.queryId === queryId);
  if (!query) {
    throw new NotFoundError('QUERY_NOT_FOUND', `Indicator ${indicator.indicatorId} has no query ${queryId}`, { queryId });
  }
  return query;
}
