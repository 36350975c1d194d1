import { decideIndicator } from '../../src/domain/indicator/decide';
import type { IndicatorCommand, RegisterIndicator } from '../../src/domain/indicator/commands';
import type { IndicatorEvent, ProgressReported } from '../../src/domain/indicator/events';
import { evolveIndicator, initialIndicatorState, type IndicatorState } from '../../src/domain/indicator/state';
import { ForbiddenError, NotFoundError, BusinessRuleError, InvalidInputError } from '../../src/shared/errors';
import { specFor } from '../support/decider-spec';
import { actors, context, newMembersTarget, registered } from '../support/indicator-fixtures';

const given = specFor<IndicatorCommand, IndicatorEvent, IndicatorState>({
  decide: decideIndicator,
  evolve: evolveIndicator,
  initialState: initialIndicatorState,
});

const report = (overrides: Partial<Pick<ProgressReported['data'], 'reportId' | 'metric' | 'period' | 'unitId' | 'note'> & { value: number }> = {}): ProgressReported => ({
  type: 'ProgressReported',
  data: { indicatorId: 'ind-03', reportId: 'r1', metric: 'new_members', period: '2021-Q1', value: 120, unitId: 'unit-a', ...overrides },
});

const reportCommand = (data: Partial<{ metric: string; period: string; value: number; reportId: string; note: string }> = {}, actor = actors.reporterA, now?: string): IndicatorCommand => ({
  type: 'ReportProgress',
  data: { indicatorId: 'ind-03', reportId: 'r2', metric: 'new_members', period: '2021-Q2', value: 230, ...data },
  context: context(actor, now),
});

describe('Indicator decider', () => {
  describe('registering', () => {
    const registerCommand = (overrides: Partial<RegisterIndicator> = {}): RegisterIndicator => {
      const { year: _year, ...data } = registered.data;
      return {
        type: 'RegisterIndicator',
        data,
        context: context(actors.coordinator),
        responsibleUnit: { unitId: 'unit-a', exists: true, active: true },
        resolution: { resolutionId: 'hl-2021', exists: true, year: 2021 },
        ...overrides,
      };
    };

    it('registers a new indicator with the resolution year', () => {
      given([]).when(registerCommand()).then([registered]);
    });

    it('refuses a second registration of the same indicator', () => {
      given([registered]).when(registerCommand()).thenFails('INDICATOR_ALREADY_REGISTERED', BusinessRuleError);
    });

    it('refuses a reporter registering indicators', () => {
      given([]).when(registerCommand({ context: context(actors.reporterA) })).thenFails('ROLE_NOT_ALLOWED', ForbiddenError);
    });

    it('refuses an unknown resolution', () => {
      given([]).when(registerCommand({ resolution: { resolutionId: 'x', exists: false, year: null } })).thenFails('UNKNOWN_RESOLUTION');
    });

    it('refuses an unknown or deactivated responsible unit', () => {
      given([]).when(registerCommand({ responsibleUnit: { unitId: 'ghost', exists: false, active: false } })).thenFails('UNKNOWN_UNIT');
      given([]).when(registerCommand({ responsibleUnit: { unitId: 'unit-a', exists: true, active: false } })).thenFails('UNIT_INACTIVE');
    });

    it('requires a number for key indicators and none for tasks', () => {
      const base = registerCommand();
      given([]).when({ ...base, data: { ...base.data, number: undefined } }).thenFails('INDICATOR_NUMBER_REQUIRED');
      given([]).when({ ...base, data: { ...base.data, kind: 'task' } }).thenFails('TASK_HAS_NO_NUMBER');
    });

    it('refuses no targets, duplicate metrics and incoherent targets', () => {
      const base = registerCommand();
      const first = newMembersTarget;
      given([]).when({ ...base, data: { ...base.data, targets: [] } }).thenFails('TARGETS_REQUIRED');
      given([]).when({ ...base, data: { ...base.data, targets: [first, first] } }).thenFails('DUPLICATE_METRIC');
      given([])
        .when({ ...base, data: { ...base.data, targets: [{ ...first, comparator: 'between', min: 70, max: 60 }] } })
        .thenFails('INVALID_TARGET');
      given([])
        .when({ ...base, data: { ...base.data, targets: [{ ...first, measure: 'share', value: 140 }] } })
        .thenFails('INVALID_TARGET');
    });
  });

  describe('reporting progress', () => {
    it('records a report by the responsible unit, for that unit', () => {
      given([registered])
        .when(reportCommand({ note: '  quý II  ' }))
        .then([report({ reportId: 'r2', period: '2021-Q2', value: 230, note: 'quý II' })]);
    });

    it('lets the coordinator report for any unit, attributing the report to the responsible unit', () => {
      given([registered]).when(reportCommand({}, actors.coordinator)).then([report({ reportId: 'r2', period: '2021-Q2', value: 230 })]);
    });

    it('refuses a reporter of another unit', () => {
      given([registered]).when(reportCommand({}, actors.reporterB)).thenFails('NOT_RESPONSIBLE_UNIT', BusinessRuleError);
    });

    it('refuses roles that do not report', () => {
      for (const actor of [actors.inspector, actors.analyst, actors.standingCommittee]) {
        given([registered]).when(reportCommand({}, actor)).thenFails('ROLE_NOT_ALLOWED', ForbiddenError);
      }
    });

    it('refuses reports on an indicator that does not exist', () => {
      given([]).when(reportCommand()).thenFails('INDICATOR_NOT_FOUND', NotFoundError);
    });

    it('refuses an unknown metric', () => {
      given([registered]).when(reportCommand({ metric: 'members' })).thenFails('UNKNOWN_METRIC');
    });

    it('accepts every period form inside the year', () => {
      for (const period of ['2021-03', '2021-Q1', '2021-H1', '2021']) {
        expect(() => decideIndicator(reportCommand({ period }, actors.reporterA, '2022-01-10T00:00:00Z'), evolveIndicator(initialIndicatorState(), registered))).not.toThrow();
      }
    });

    it('refuses a malformed period', () => {
      for (const period of ['2021-13', '2021-Q5', 'Q1-2021', '2021-H3', '21', '2021-3']) {
        given([registered]).when(reportCommand({ period })).thenFails('INVALID_PERIOD', InvalidInputError);
      }
    });

    it('refuses a period outside the resolution year', () => {
      given([registered]).when(reportCommand({ period: '2020-Q4' })).thenFails('PERIOD_OUTSIDE_YEAR');
      given([registered]).when(reportCommand({ period: '2022-01' })).thenFails('PERIOD_OUTSIDE_YEAR');
    });

    it('refuses a period that starts after the report is recorded (in Vietnam time)', () => {
      // 2021-09-30T17:00Z is already 1 October in Hanoi: Q4 has started.
      given([registered]).when(reportCommand({ period: '2021-Q4' }, actors.reporterA, '2021-09-30T17:00:00.000Z')).then([
        report({ reportId: 'r2', period: '2021-Q4', value: 230 }),
      ]);
      given([registered]).when(reportCommand({ period: '2021-Q4' }, actors.reporterA, '2021-09-30T16:59:59.000Z')).thenFails('PERIOD_IN_FUTURE');
    });

    it('checks the value against the target unit', () => {
      given([registered]).when(reportCommand({ value: -1 })).thenFails('VALUE_OUT_OF_RANGE');
      given([registered]).when(reportCommand({ value: 12.5 })).thenFails('VALUE_OUT_OF_RANGE');
      given([registered]).when(reportCommand({ metric: 'excellent_share', value: 140 })).thenFails('VALUE_OUT_OF_RANGE');
      given([registered]).when(reportCommand({ metric: 'excellent_share', value: 100 })).then([
        report({ reportId: 'r2', metric: 'excellent_share', period: '2021-Q2', value: 100 }),
      ]);
    });

    it('allows one report per target and period: a second is refused and points to the first', () => {
      given([registered, report()]).when(reportCommand({ period: '2021-Q1' })).thenFails('DUPLICATE_REPORT');
      given([registered, report()]).when(reportCommand({ period: '2021-Q1', metric: 'excellent_share', value: 20 })).then([
        report({ reportId: 'r2', metric: 'excellent_share', period: '2021-Q1', value: 20 }),
      ]);
    });

    it('refuses a reused report id', () => {
      given([registered, report()]).when(reportCommand({ reportId: 'r1' })).thenFails('DUPLICATE_REPORT_ID');
    });

    it('follows the responsibility after a reassignment', () => {
      const reassigned: IndicatorEvent = {
        type: 'ResponsibilityReassigned',
        data: { indicatorId: 'ind-03', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'r', decisionRef: '1-QĐ/TU' },
      };
      given([registered, reassigned]).when(reportCommand()).thenFails('NOT_RESPONSIBLE_UNIT');
      given([registered, reassigned]).when(reportCommand({}, actors.reporterB)).then([
        report({ reportId: 'r2', period: '2021-Q2', value: 230, unitId: 'unit-b' }),
      ]);
    });
  });

  describe('correcting a report', () => {
    const correct = (data: Partial<{ reportId: string; value: number; reason: string }> = {}, actor = actors.reporterA): IndicatorCommand => ({
      type: 'CorrectProgressReport',
      data: { indicatorId: 'ind-03', reportId: 'r1', value: 125, reason: 'Số liệu chính thức của Ban Tổ chức', ...data },
      context: context(actor),
    });

    it('replaces the value and keeps the previous one and the reason', () => {
      given([registered, report()]).when(correct()).then([
        {
          type: 'ProgressReportCorrected',
          data: {
            indicatorId: 'ind-03',
            reportId: 'r1',
            metric: 'new_members',
            period: '2021-Q1',
            previousValue: 120,
            value: 125,
            reason: 'Số liệu chính thức của Ban Tổ chức',
          },
        },
      ]);
    });

    it('needs the original report', () => {
      given([registered]).when(correct({ reportId: 'nope' })).thenFails('REPORT_NOT_FOUND', NotFoundError);
    });

    it('needs a reason', () => {
      given([registered, report()]).when(correct({ reason: '   ' })).thenFails('REASON_REQUIRED');
    });

    it('checks the new value and refuses a correction that changes nothing', () => {
      given([registered, report()]).when(correct({ value: 1.5 })).thenFails('VALUE_OUT_OF_RANGE');
      given([registered, report()]).when(correct({ value: 120 })).thenFails('CORRECTION_CHANGES_NOTHING');
    });

    it('is refused to another unit', () => {
      given([registered, report()]).when(correct({}, actors.reporterB)).thenFails('NOT_RESPONSIBLE_UNIT');
    });

    it('builds on the corrected value for the next correction', () => {
      const first: IndicatorEvent = {
        type: 'ProgressReportCorrected',
        data: { indicatorId: 'ind-03', reportId: 'r1', metric: 'new_members', period: '2021-Q1', previousValue: 120, value: 125, reason: 'x' },
      };
      given([registered, report(), first]).when(correct({ value: 125 })).thenFails('CORRECTION_CHANGES_NOTHING');
    });
  });

  describe('reassigning responsibility', () => {
    const reassign = (data: Partial<{ toUnitId: string; reason: string; decisionRef: string }> = {}, actor = actors.coordinator, toUnit = { unitId: 'unit-b', exists: true, active: true }): IndicatorCommand => ({
      type: 'ReassignResponsibility',
      data: { indicatorId: 'ind-03', toUnitId: 'unit-b', reason: 'Kiện toàn bộ máy', decisionRef: '125-QĐ/TU', ...data },
      context: context(actor),
      toUnit,
    });

    it('moves responsibility to an active, different unit with a reason and a decision', () => {
      given([registered]).when(reassign()).then([
        {
          type: 'ResponsibilityReassigned',
          data: { indicatorId: 'ind-03', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'Kiện toàn bộ máy', decisionRef: '125-QĐ/TU' },
        },
      ]);
      given([registered]).when(reassign({}, actors.standingCommittee)).then([
        expect.objectContaining({ type: 'ResponsibilityReassigned' }) as IndicatorEvent,
      ]);
    });

    it('needs the coordinator or standing committee role', () => {
      for (const actor of [actors.reporterA, actors.inspector, actors.analyst]) {
        given([registered]).when(reassign({}, actor)).thenFails('ROLE_NOT_ALLOWED', ForbiddenError);
      }
    });

    it('needs a reason and a decision reference', () => {
      given([registered]).when(reassign({ reason: '' })).thenFails('REASON_REQUIRED');
      given([registered]).when(reassign({ decisionRef: ' ' })).thenFails('DECISION_REF_REQUIRED');
    });

    it('refuses an unknown, deactivated or the same unit', () => {
      given([registered]).when(reassign({ toUnitId: 'ghost' }, actors.coordinator, { unitId: 'ghost', exists: false, active: false })).thenFails('UNKNOWN_UNIT');
      given([registered]).when(reassign({}, actors.coordinator, { unitId: 'unit-b', exists: true, active: false })).thenFails('UNIT_INACTIVE');
      given([registered]).when(reassign({ toUnitId: 'unit-a' }, actors.coordinator, { unitId: 'unit-a', exists: true, active: true })).thenFails('SAME_UNIT');
    });
  });

  describe('revising a target', () => {
    const revise = (data: Partial<{ metric: string; change: object; reason: string; decisionRef: string }> = {}, actor = actors.standingCommittee): IndicatorCommand => ({
      type: 'ReviseTarget',
      data: { indicatorId: 'ind-03', metric: 'new_members', change: { value: 400 }, reason: 'Ảnh hưởng dịch Covid-19', decisionRef: '130-NQ/TU', ...data },
      context: context(actor),
    });

    it('records the target before and after', () => {
      const before = newMembersTarget;
      given([registered]).when(revise()).then([
        {
          type: 'TargetRevised',
          data: { indicatorId: 'ind-03', metric: 'new_members', before, after: { ...before, value: 400 }, reason: 'Ảnh hưởng dịch Covid-19', decisionRef: '130-NQ/TU' },
        },
      ]);
    });

    it('can turn a threshold into a range', () => {
      const before = newMembersTarget;
      const { value: _value, ...rest } = before;
      given([registered]).when(revise({ change: { comparator: 'between', min: 400, max: 500 } })).then([
        expect.objectContaining({ data: expect.objectContaining({ after: { ...rest, comparator: 'between', min: 400, max: 500 } }) }) as IndicatorEvent,
      ]);
    });

    it('needs the standing committee role', () => {
      for (const actor of [actors.coordinator, actors.reporterA, actors.inspector]) {
        given([registered]).when(revise({}, actor)).thenFails('ROLE_NOT_ALLOWED', ForbiddenError);
      }
    });

    it('needs a reason and a decision reference', () => {
      given([registered]).when(revise({ reason: '' })).thenFails('REASON_REQUIRED');
      given([registered]).when(revise({ decisionRef: '' })).thenFails('DECISION_REF_REQUIRED');
    });

    it('must change something and stay coherent', () => {
      given([registered]).when(revise({ change: { value: 450 } })).thenFails('REVISION_CHANGES_NOTHING');
      given([registered]).when(revise({ change: {} })).thenFails('REVISION_CHANGES_NOTHING');
      given([registered]).when(revise({ metric: 'excellent_share', change: { value: 120 } })).thenFails('INVALID_TARGET');
      given([registered]).when(revise({ change: { comparator: 'between', min: 10 } })).thenFails('INVALID_TARGET');
      given([registered]).when(revise({ metric: 'nope' })).thenFails('UNKNOWN_METRIC');
    });
  });

  describe('assessing and closing', () => {
    const assess = (actor = actors.standingCommittee): IndicatorCommand => ({
      type: 'AssessIndicator',
      data: { indicatorId: 'ind-03', outcome: 'achieved', conclusion: 'Vượt chỉ tiêu', decisionRef: '150-BC/TU' },
      context: context(actor),
    });
    const yearReport = report({ reportId: 'ry', period: '2021', value: 470 });

    it('records the outcome with each target standing as computed', () => {
      given([registered, yearReport]).when(assess()).then([
        {
          type: 'IndicatorAssessed',
          data: {
            indicatorId: 'ind-03',
            outcome: 'achieved',
            targets: [
              { metric: 'new_members', latestValue: 470, status: 'achieved' },
              { metric: 'excellent_share', latestValue: null, status: 'no_data' },
            ],
            conclusion: 'Vượt chỉ tiêu',
            decisionRef: '150-BC/TU',
          },
        },
      ]);
    });

    it('needs the standing committee role, a conclusion and a decision reference', () => {
      given([registered]).when(assess(actors.coordinator)).thenFails('ROLE_NOT_ALLOWED', ForbiddenError);
      const command = assess();
      given([registered]).when({ ...command, data: { ...command.data, conclusion: '' } } as IndicatorCommand).thenFails('CONCLUSION_REQUIRED');
      given([registered]).when({ ...command, data: { ...command.data, decisionRef: '' } } as IndicatorCommand).thenFails('DECISION_REF_REQUIRED');
    });

    it('closes the indicator to every further write', () => {
      const assessed: IndicatorEvent = {
        type: 'IndicatorAssessed',
        data: { indicatorId: 'ind-03', outcome: 'achieved', targets: [], conclusion: 'x', decisionRef: 'y' },
      };
      const closed = [registered, yearReport, assessed];
      given(closed).when(reportCommand()).thenFails('INDICATOR_CLOSED');
      given(closed).when({ type: 'CorrectProgressReport', data: { indicatorId: 'ind-03', reportId: 'ry', value: 480, reason: 'x' }, context: context(actors.reporterA) }).thenFails('INDICATOR_CLOSED');
      given(closed).when({ type: 'ReassignResponsibility', data: { indicatorId: 'ind-03', toUnitId: 'unit-b', reason: 'x', decisionRef: 'y' }, context: context(actors.coordinator), toUnit: { unitId: 'unit-b', exists: true, active: true } }).thenFails('INDICATOR_CLOSED');
      given(closed).when({ type: 'ReviseTarget', data: { indicatorId: 'ind-03', metric: 'new_members', change: { value: 1 }, reason: 'x', decisionRef: 'y' }, context: context(actors.standingCommittee) }).thenFails('INDICATOR_CLOSED');
      given(closed).when(assess()).thenFails('INDICATOR_CLOSED');
    });
  });
});
