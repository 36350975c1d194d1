/** The inspector's workflow on a report, given/when/then: raise → answer (optionally correcting) → close. */
import type { AnswerReportQuery, CloseReportQuery, IndicatorCommand, RaiseReportQuery } from '../../src/domain/indicator/commands';
import { decideIndicator } from '../../src/domain/indicator/decide';
import type { IndicatorAssessed, IndicatorEvent, ProgressReported, ReportQueried, ReportQueryAnswered, ReportQueryClosed } from '../../src/domain/indicator/events';
import { evolveIndicator, foldIndicator, initialIndicatorState, type IndicatorState } from '../../src/domain/indicator/state';
import { BusinessRuleError, ForbiddenError, NotFoundError } from '../../src/shared/errors';
import type { Actor } from '../../src/shared/messages';
import { specFor } from '../support/decider-spec';
import { actors, context, registered } from '../support/indicator-fixtures';

const given = specFor<IndicatorCommand, IndicatorEvent, IndicatorState>({
  decide: decideIndicator,
  evolve: evolveIndicator,
  initialState: initialIndicatorState,
});

const reported: ProgressReported = {
  type: 'ProgressReported',
  data: { indicatorId: 'ind-03', reportId: 'r1', metric: 'new_members', period: '2021-Q1', value: 120, unitId: 'unit-a' },
};

const about = { indicatorId: 'ind-03', queryId: 'q1', reportId: 'r1', metric: 'new_members', period: '2021-Q1' };

const queried: ReportQueried = {
  type: 'ReportQueried',
  data: { ...about, unitId: 'unit-a', question: 'Số liệu quý I căn cứ vào đâu?', requestedBy: { id: 'insp', unitId: 'ubkt' } },
};
const answered: ReportQueryAnswered = { type: 'ReportQueryAnswered', data: { ...about, answer: 'Theo báo cáo của các chi bộ' } };
const closedQuery: ReportQueryClosed = { type: 'ReportQueryClosed', data: { ...about, conclusion: 'Số liệu có căn cứ' } };
const assessed: IndicatorAssessed = {
  type: 'IndicatorAssessed',
  data: { indicatorId: 'ind-03', outcome: 'achieved', targets: [], conclusion: 'Đạt', decisionRef: '150-BC/TU' },
};

const raise = (actor: Actor = actors.inspector, data: Partial<RaiseReportQuery['data']> = {}): RaiseReportQuery => ({
  type: 'RaiseReportQuery',
  data: { indicatorId: 'ind-03', reportId: 'r1', queryId: 'q1', question: 'Số liệu quý I căn cứ vào đâu?', ...data },
  context: context(actor),
});
const answer = (actor: Actor = actors.reporterA, data: Partial<AnswerReportQuery['data']> = {}): AnswerReportQuery => ({
  type: 'AnswerReportQuery',
  data: { indicatorId: 'ind-03', queryId: 'q1', answer: 'Theo báo cáo của các chi bộ', ...data },
  context: context(actor),
});
const close = (actor: Actor = actors.inspector, data: Partial<CloseReportQuery['data']> = {}): CloseReportQuery => ({
  type: 'CloseReportQuery',
  data: { indicatorId: 'ind-03', queryId: 'q1', conclusion: 'Số liệu có căn cứ', ...data },
  context: context(actor),
});

const ALL_ACTORS = Object.entries(actors) as Array<[keyof typeof actors, Actor]>;

describe('Inspection queries (decider)', () => {
  describe('who may do what, for every role', () => {
    // reporterA reports for unit-a, the responsible unit; reporterB for another unit.
    const table: Record<'raise' | 'answer' | 'close', Record<keyof typeof actors, string>> = {
      raise: { inspector: 'ok', reporterA: 'ROLE_NOT_ALLOWED', reporterB: 'ROLE_NOT_ALLOWED', coordinator: 'ROLE_NOT_ALLOWED', standingCommittee: 'ROLE_NOT_ALLOWED', analyst: 'ROLE_NOT_ALLOWED' },
      answer: { inspector: 'ROLE_NOT_ALLOWED', reporterA: 'ok', reporterB: 'NOT_RESPONSIBLE_UNIT', coordinator: 'ok', standingCommittee: 'ROLE_NOT_ALLOWED', analyst: 'ROLE_NOT_ALLOWED' },
      close: { inspector: 'ok', reporterA: 'ROLE_NOT_ALLOWED', reporterB: 'ROLE_NOT_ALLOWED', coordinator: 'ROLE_NOT_ALLOWED', standingCommittee: 'ROLE_NOT_ALLOWED', analyst: 'ROLE_NOT_ALLOWED' },
    };
    const scenarios = {
      raise: { history: [registered, reported], command: raise, event: queried },
      answer: { history: [registered, reported, queried], command: answer, event: answered },
      close: { history: [registered, reported, queried, answered], command: close, event: closedQuery },
    };

    for (const [action, outcomes] of Object.entries(table) as Array<[keyof typeof table, Record<keyof typeof actors, string>]>) {
      for (const [name, actor] of ALL_ACTORS) {
        const expected = outcomes[name];
        it(`${action} by ${name}: ${expected}`, () => {
          const { history, command, event } = scenarios[action];
          const when = given(history).when(command(actor));
          if (expected !== 'ok') return when.thenFails(expected, expected === 'ROLE_NOT_ALLOWED' ? ForbiddenError : BusinessRuleError);
          // The answer records no actor in its data; the raise names who asked.
          const produced = decideIndicator(command(actor), foldIndicator(history));
          expect(produced).toHaveLength(1);
          expect(produced[0].type).toBe(event.type);
        });
      }
    }
  });

  describe('raising a query', () => {
    it('records the question, the report it is about and who asked', () => {
      given([registered, reported]).when(raise()).then([queried]);
    });

    it('names the unit that made the report, even after a reassignment', () => {
      const reassigned: IndicatorEvent = {
        type: 'ResponsibilityReassigned',
        data: { indicatorId: 'ind-03', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'x', decisionRef: 'y' },
      };
      given([registered, reported, reassigned]).when(raise()).then([queried]);
    });

    it('needs an existing indicator and report', () => {
      given([]).when(raise()).thenFails('INDICATOR_NOT_FOUND', NotFoundError);
      given([registered]).when(raise()).thenFails('REPORT_NOT_FOUND', NotFoundError);
    });

    it('needs a question', () => {
      given([registered, reported]).when(raise(actors.inspector, { question: '  ' })).thenFails('QUESTION_REQUIRED', BusinessRuleError);
    });

    it('refuses a reused query id, and allows several queries on one report', () => {
      given([registered, reported, queried]).when(raise()).thenFails('DUPLICATE_QUERY_ID');
      given([registered, reported, queried]).when(raise(actors.inspector, { queryId: 'q2', question: 'Còn quý II?' })).then([
        { ...queried, data: { ...queried.data, queryId: 'q2', question: 'Còn quý II?' } },
      ]);
    });

    it('is allowed after the final assessment', () => {
      given([registered, reported, assessed]).when(raise()).then([queried]);
    });
  });

  describe('answering a query', () => {
    it('records the answer with the documents it cites', () => {
      const evidence = [{ title: 'Báo cáo kết nạp đảng viên quý I', documentRef: '45-BC/BTCTU', issuedOn: '2021-04-05' }];
      given([registered, reported, queried]).when(answer(actors.reporterA, { evidence })).then([
        { ...answered, data: { ...answered.data, evidence } },
      ]);
    });

    it('with a correction appends the correction and the answer together, linked by the query', () => {
      given([registered, reported, queried])
        .when(answer(actors.reporterA, { correction: { value: 135, reason: 'Bổ sung 15 hồ sơ' } }))
        .then([
          {
            type: 'ProgressReportCorrected',
            data: { ...about, previousValue: 120, value: 135, reason: 'Bổ sung 15 hồ sơ' },
          },
          { ...answered, data: { ...answered.data, correction: { previousValue: 120, value: 135, reason: 'Bổ sung 15 hồ sơ' } } },
        ]);
    });

    it('applies the correction rules to a correction in an answer', () => {
      const history = [registered, reported, queried];
      given(history).when(answer(actors.reporterA, { correction: { value: 120, reason: 'x' } })).thenFails('CORRECTION_CHANGES_NOTHING');
      given(history).when(answer(actors.reporterA, { correction: { value: 135, reason: ' ' } })).thenFails('REASON_REQUIRED');
      given(history).when(answer(actors.reporterA, { correction: { value: 12.5, reason: 'x' } })).thenFails('VALUE_OUT_OF_RANGE');
    });

    it('needs an existing query and an answer', () => {
      given([registered, reported]).when(answer()).thenFails('QUERY_NOT_FOUND', NotFoundError);
      given([registered, reported, queried]).when(answer(actors.reporterA, { answer: '' })).thenFails('ANSWER_REQUIRED');
    });

    it('may supplement an answer until the query is closed, never after', () => {
      given([registered, reported, queried, answered]).when(answer()).then([answered]);
      given([registered, reported, queried, answered, closedQuery]).when(answer()).thenFails('QUERY_CLOSED', BusinessRuleError);
    });

    it('goes to the unit responsible now, after a reassignment', () => {
      const reassigned: IndicatorEvent = {
        type: 'ResponsibilityReassigned',
        data: { indicatorId: 'ind-03', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'x', decisionRef: 'y' },
      };
      given([registered, reported, queried, reassigned]).when(answer(actors.reporterB)).then([answered]);
      given([registered, reported, queried, reassigned]).when(answer(actors.reporterA)).thenFails('NOT_RESPONSIBLE_UNIT');
    });

    it('after the final assessment: an explanation is allowed, a correction is not', () => {
      const history = [registered, reported, queried, assessed];
      given(history).when(answer()).then([answered]);
      given(history).when(answer(actors.reporterA, { correction: { value: 135, reason: 'x' } })).thenFails('INDICATOR_CLOSED');
    });

    it('checks the evidence it cites', () => {
      const tomorrow = [{ title: 'Báo cáo', documentRef: '1/BC', issuedOn: '2021-07-16' }];
      given([registered, reported, queried]).when(answer(actors.reporterA, { evidence: tomorrow })).thenFails('EVIDENCE_ISSUED_IN_FUTURE');
    });
  });

  describe('closing a query', () => {
    it('records the conclusion', () => {
      given([registered, reported, queried, answered]).when(close()).then([closedQuery]);
    });

    it('needs an answer first, and cannot close twice', () => {
      given([registered, reported, queried]).when(close()).thenFails('QUERY_NOT_ANSWERED', BusinessRuleError);
      given([registered, reported, queried, answered, closedQuery]).when(close()).thenFails('QUERY_CLOSED');
    });

    it('needs an existing query and a conclusion', () => {
      given([registered, reported]).when(close()).thenFails('QUERY_NOT_FOUND', NotFoundError);
      given([registered, reported, queried, answered]).when(close(actors.inspector, { conclusion: '' })).thenFails('CONCLUSION_REQUIRED');
    });

    it('may be done by any inspector, and after the final assessment', () => {
      const otherInspector: Actor = { id: 'insp-2', unitId: 'ubkt', roles: ['inspector'] };
      given([registered, reported, queried, answered, assessed]).when(close(otherInspector)).then([closedQuery]);
    });
  });

  it('keeps each query status in the write-side state', () => {
    const state = foldIndicator([registered, reported, queried, { ...queried, data: { ...queried.data, queryId: 'q2' } }, answered, closedQuery]);
    expect(state.status === 'active' && state.queries).toEqual([
      { queryId: 'q1', reportId: 'r1', status: 'closed' },
      { queryId: 'q2', reportId: 'r1', status: 'open' },
    ]);
  });
});
