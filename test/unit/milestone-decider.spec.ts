/**
 * Qualitative tasks (nhiệm vụ định tính), given/when/then: a milestone target is reported by a state
 * and a narrative, never a value; corrections, answers to queries, reassignment, revision and the
 * assessment work on it as on a figure.
 */
import type { IndicatorCommand, RegisterIndicator } from '../../src/domain/indicator/commands';
import { decideIndicator } from '../../src/domain/indicator/decide';
import type { IndicatorEvent, ProgressReportCorrected, ProgressReported, ReportQueried } from '../../src/domain/indicator/events';
import type { MilestoneReading, ReadingInput } from '../../src/domain/indicator/reading';
import { evolveIndicator, foldIndicator, initialIndicatorState, type IndicatorState } from '../../src/domain/indicator/state';
import { specFor } from '../support/decider-spec';
import { actors, context, registered, registeredTask, schoolTarget } from '../support/indicator-fixtures';

const given = specFor<IndicatorCommand, IndicatorEvent, IndicatorState>({
  decide: decideIndicator,
  evolve: evolveIndicator,
  initialState: initialIndicatorState,
});

const TASK = 'task-school';
const NOW = '2021-10-05T03:00:00.000Z';

const inProgress: MilestoneReading = { state: 'in_progress', narrative: 'Đã thi công xong phần thô, đang hoàn thiện' };
const completed: MilestoneReading = { state: 'completed', narrative: 'Đã bàn giao, đưa vào sử dụng từ năm học mới', completedOn: '2021-08-30' };

const reportedState = (reading: MilestoneReading, period = '2021-Q2', reportId = 'r1'): ProgressReported => ({
  type: 'ProgressReported',
  data: { indicatorId: TASK, reportId, metric: 'completion', period, ...reading, unitId: 'unit-a' },
});

const report = (input: ReadingInput, period = '2021-Q3', actor = actors.reporterA, now = NOW): IndicatorCommand => ({
  type: 'ReportProgress',
  data: { indicatorId: TASK, reportId: 'r2', metric: 'completion', period, ...input },
  context: context(actor, now),
});

const correct = (input: ReadingInput, reason = 'Cập nhật kết quả nghiệm thu'): IndicatorCommand => ({
  type: 'CorrectProgressReport',
  data: { indicatorId: TASK, reportId: 'r1', reason, ...input },
  context: context(actors.reporterA, NOW),
});

describe('Qualitative tasks (milestone targets)', () => {
  describe('registering', () => {
    const register = (targets: RegisterIndicator['data']['targets']): RegisterIndicator => {
      const { year: _year, ...data } = registeredTask.data;
      return {
        type: 'RegisterIndicator',
        data: { ...data, targets },
        context: context(actors.coordinator),
        responsibleUnit: { unitId: 'unit-a', exists: true, active: true },
        resolution: { resolutionId: 'hl-2021', exists: true, year: 2021 },
      };
    };

    it('registers a task whose target is a milestone with a deadline', () => {
      given([]).when(register([schoolTarget])).then([registeredTask]);
    });

    it('records the key indicators a task supports, and refuses them on a key indicator', () => {
      const supporting = { ...registeredTask, data: { ...registeredTask.data, supportsIndicators: ['ind-05'] } };
      const { year: _year, ...data } = supporting.data;
      const command: RegisterIndicator = { ...register([schoolTarget]), data };
      given([]).when(command).then([supporting]);
      const { year: _indicatorYear, ...indicator } = registered.data;
      given([]).when({ ...command, data: { ...indicator, supportsIndicators: ['ind-05'] } }).thenFails('ONLY_TASKS_SUPPORT_INDICATORS');
    });

    it('refuses a milestone that states a figure to compare with', () => {
      const withFigure = { ...schoolTarget, comparator: '>=', value: 100 } as unknown as typeof schoolTarget;
      given([]).when(register([withFigure])).thenFails('INVALID_TARGET');
    });
  });

  describe('reporting', () => {
    it('records the state and the narrative, trimmed, for the responsible unit', () => {
      given([registeredTask])
        .when(report({ state: 'in_progress', narrative: '  Đã thi công xong phần thô, đang hoàn thiện  ' }))
        .then([reportedState(inProgress, '2021-Q3', 'r2')]);
    });

    it('records a completion with the day it was completed', () => {
      given([registeredTask]).when(report(completed)).then([reportedState(completed, '2021-Q3', 'r2')]);
    });

    it('refuses a value on a milestone, and a state or a narrative on a numeric target', () => {
      given([registeredTask]).when(report({ value: 100 })).thenFails('VALUE_ON_MILESTONE_TARGET');
      given([registeredTask]).when(report({ ...inProgress, value: 100 })).thenFails('VALUE_ON_MILESTONE_TARGET');
      const numeric = (input: ReadingInput): IndicatorCommand => ({
        type: 'ReportProgress',
        data: { indicatorId: 'ind-03', reportId: 'r2', metric: 'new_members', period: '2021-Q2', ...input },
        context: context(actors.reporterA, NOW),
      });
      given([registered]).when(numeric({ value: 230, state: 'completed' })).thenFails('STATE_ON_NUMERIC_TARGET');
      given([registered]).when(numeric({ value: 230, narrative: 'Kết nạp theo kế hoạch' })).thenFails('STATE_ON_NUMERIC_TARGET');
      given([registered]).when(numeric({})).thenFails('VALUE_REQUIRED');
    });

    it('needs a known state and a narrative that says something', () => {
      given([registeredTask]).when(report({ narrative: 'Đang thi công' })).thenFails('STATE_REQUIRED');
      given([registeredTask]).when(report({ state: 'paused' as never, narrative: 'Tạm dừng' })).thenFails('STATE_REQUIRED');
      given([registeredTask]).when(report({ state: 'in_progress' })).thenFails('NARRATIVE_REQUIRED');
      given([registeredTask]).when(report({ state: 'in_progress', narrative: '   ' })).thenFails('NARRATIVE_REQUIRED');
    });

    it('takes a completion day exactly when the task is completed', () => {
      given([registeredTask]).when(report({ state: 'completed', narrative: 'Đã bàn giao' })).thenFails('COMPLETION_DATE_REQUIRED');
      given([registeredTask]).when(report({ state: 'completed', narrative: 'Đã bàn giao', completedOn: '2021-02-30' })).thenFails('COMPLETION_DATE_REQUIRED');
      given([registeredTask]).when(report({ ...inProgress, completedOn: '2021-08-30' })).thenFails('COMPLETION_DATE_NOT_ALLOWED');
    });

    it('dates a completion inside the year, not after the reported period nor after today (Vietnam time)', () => {
      given([registeredTask]).when(report({ ...completed, completedOn: '2021-10-01' })).thenFails('COMPLETION_DATE_OUTSIDE_PERIOD');
      given([registeredTask]).when(report({ ...completed, completedOn: '2020-12-31' })).thenFails('COMPLETION_DATE_OUTSIDE_PERIOD');
      given([registeredTask]).when(report({ ...completed, completedOn: '2021-09-30' }, '2021-Q3')).then([
        reportedState({ ...completed, completedOn: '2021-09-30' }, '2021-Q3', 'r2'),
      ]);
      // 17:00 UTC on 30 September is already 1 October in Hà Nội.
      given([registeredTask]).when(report({ ...completed, completedOn: '2021-10-01' }, '2021', actors.reporterA, '2021-09-30T16:59:59.000Z')).thenFails('COMPLETION_DATE_IN_FUTURE');
      given([registeredTask]).when(report({ ...completed, completedOn: '2021-10-01' }, '2021', actors.reporterA, '2021-09-30T17:00:00.000Z')).then([
        reportedState({ ...completed, completedOn: '2021-10-01' }, '2021', 'r2'),
      ]);
    });

    it('keeps the rules every report follows: the responsible unit, one report per period', () => {
      given([registeredTask]).when(report(inProgress, '2021-Q3', actors.reporterB)).thenFails('NOT_RESPONSIBLE_UNIT');
      given([registeredTask, reportedState(inProgress, '2021-Q3')]).when(report(completed)).thenFails('DUPLICATE_REPORT');
    });

    it('follows the responsibility after a reassignment', () => {
      const reassigned: IndicatorEvent = {
        type: 'ResponsibilityReassigned',
        data: { indicatorId: TASK, fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'Kiện toàn tổ chức', decisionRef: '12-QĐ/TU' },
      };
      given([registeredTask, reassigned]).when(report(inProgress, '2021-Q3', actors.reporterB)).then([
        { type: 'ProgressReported', data: { ...reportedState(inProgress, '2021-Q3', 'r2').data, unitId: 'unit-b' } },
      ]);
    });
  });

  describe('correcting', () => {
    const correction = (previous: MilestoneReading, next: MilestoneReading): ProgressReportCorrected => ({
      type: 'ProgressReportCorrected',
      data: { indicatorId: TASK, reportId: 'r1', metric: 'completion', period: '2021-Q2', previous, ...next, reason: 'Cập nhật kết quả nghiệm thu' },
    });

    it('replaces the whole reading and keeps the one it replaces', () => {
      const finished = { ...completed, completedOn: '2021-06-28' };
      given([registeredTask, reportedState(inProgress)]).when(correct(finished)).then([correction(inProgress, finished)]);
    });

    it('counts a new narrative alone as a change, and refuses a correction that says the same', () => {
      const clearer = { ...inProgress, narrative: 'Đã thi công xong phần thô; đang lắp đặt thiết bị' };
      given([registeredTask, reportedState(inProgress)]).when(correct(clearer)).then([correction(inProgress, clearer)]);
      given([registeredTask, reportedState(inProgress)]).when(correct(inProgress)).thenFails('CORRECTION_CHANGES_NOTHING');
    });

    it('checks the corrected reading like a report, against the report period', () => {
      given([registeredTask, reportedState(inProgress)]).when(correct({ value: 100 })).thenFails('VALUE_ON_MILESTONE_TARGET');
      given([registeredTask, reportedState(inProgress)]).when(correct(completed)).thenFails('COMPLETION_DATE_OUTSIDE_PERIOD');
    });

    it('leaves no completion day on a report corrected back to in progress', () => {
      const state = foldIndicator([registeredTask, reportedState({ ...completed, completedOn: '2021-06-28' }), correction({ ...completed, completedOn: '2021-06-28' }, inProgress)]);
      expect(state.status === 'active' && state.reports).toEqual([
        { reportId: 'r1', metric: 'completion', period: '2021-Q2', unitId: 'unit-a', recordedAt: '', ...inProgress },
      ]);
    });
  });

  describe('queries on a task report', () => {
    const about = { indicatorId: TASK, queryId: 'q1', reportId: 'r1', metric: 'completion', period: '2021-Q2' };
    const queried: ReportQueried = {
      type: 'ReportQueried',
      data: { ...about, unitId: 'unit-a', question: 'Đã nghiệm thu chưa?', requestedBy: { id: 'insp', unitId: 'ubkt' } },
    };

    it('lets the inspector query a state as a figure', () => {
      given([registeredTask, reportedState(inProgress)])
        .when({ type: 'RaiseReportQuery', data: { indicatorId: TASK, reportId: 'r1', queryId: 'q1', question: 'Đã nghiệm thu chưa?' }, context: context(actors.inspector, NOW) })
        .then([queried]);
    });

    it('records an answer that corrects the state, and repeats what changed', () => {
      const finished = { ...completed, completedOn: '2021-06-28' };
      given([registeredTask, reportedState(inProgress), queried])
        .when({
          type: 'AnswerReportQuery',
          data: { indicatorId: TASK, queryId: 'q1', answer: 'Đã nghiệm thu ngày 28/6', correction: { ...finished, reason: 'Bổ sung biên bản nghiệm thu' } },
          context: context(actors.reporterA, NOW),
        })
        .then([
          {
            type: 'ProgressReportCorrected',
            data: { ...about, previous: inProgress, ...finished, reason: 'Bổ sung biên bản nghiệm thu' },
          },
          {
            type: 'ReportQueryAnswered',
            data: { ...about, answer: 'Đã nghiệm thu ngày 28/6', correction: { previous: inProgress, ...finished, reason: 'Bổ sung biên bản nghiệm thu' } },
          },
        ]);
    });
  });

  describe('revising the target', () => {
    const revise = (change: object): IndicatorCommand => ({
      type: 'ReviseTarget',
      data: { indicatorId: TASK, metric: 'completion', change, reason: 'Điều chỉnh tiến độ theo nguồn vốn', decisionRef: '230-NQ/TU' },
      context: context(actors.standingCommittee, NOW),
    });

    it('moves the deadline', () => {
      given([registeredTask]).when(revise({ dueDate: '2021-12-31' })).then([
        {
          type: 'TargetRevised',
          data: {
            indicatorId: TASK,
            metric: 'completion',
            before: schoolTarget,
            after: { ...schoolTarget, dueDate: '2021-12-31' },
            reason: 'Điều chỉnh tiến độ theo nguồn vốn',
            decisionRef: '230-NQ/TU',
          },
        },
      ]);
    });

    it('refuses a figure for a milestone, and a revision that changes nothing', () => {
      given([registeredTask]).when(revise({ comparator: '>=', value: 100 })).thenFails('INVALID_TARGET');
      given([registeredTask]).when(revise({ dueDate: '2021-09-04' })).thenFails('REVISION_CHANGES_NOTHING');
    });
  });

  describe('the final assessment', () => {
    it('records each milestone target with its latest state and standing', () => {
      given([registeredTask, reportedState(completed, '2021-Q3')])
        .when({
          type: 'AssessIndicator',
          data: { indicatorId: TASK, outcome: 'achieved', conclusion: 'Hoàn thành đúng tiến độ', decisionRef: '150-BC/TU' },
          context: context(actors.standingCommittee, NOW),
        })
        .then([
          {
            type: 'IndicatorAssessed',
            data: {
              indicatorId: TASK,
              outcome: 'achieved',
              targets: [{ metric: 'completion', latestValue: null, latestState: 'completed', status: 'achieved' }],
              conclusion: 'Hoàn thành đúng tiến độ',
              decisionRef: '150-BC/TU',
            },
          },
        ]);
    });
  });
});
