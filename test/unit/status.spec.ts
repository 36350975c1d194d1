import { meetsTarget, targetStatus } from '../../src/domain/indicator/status';
import type { Comparator, MilestoneTarget, NumericTarget } from '../../src/domain/indicator/target';
import { latestFigure } from '../../src/domain/indicator/latest-figures';
import { comparePeriods, parsePeriod, periodEnd, periodStart } from '../../src/domain/indicator/period';

const level = (comparator: Comparator, value: number): NumericTarget => ({
  metric: 'm', label: 'l', comparator, value, unit: '%', measure: 'share', accumulation: 'level',
});
const cumulative: NumericTarget = { metric: 'jobs', label: 'l', comparator: '>=', value: 6500, unit: 'lao động', measure: 'count', accumulation: 'cumulative' };

describe('target status', () => {
  it('is no_data without a report', () => {
    expect(targetStatus(level('>=', 90), null)).toBe('no_data');
  });

  it('judges the full-year figure as achieved or not achieved', () => {
    expect(targetStatus(level('>=', 90), { period: '2021', value: 90 })).toBe('achieved');
    expect(targetStatus(level('>=', 90), { period: '2021-Q4', value: 89.9 })).toBe('not_achieved');
    expect(targetStatus(level('>', 55), { period: '2021-12', value: 55 })).toBe('not_achieved');
    expect(targetStatus(level('<', 5), { period: '2021-H2', value: 4.9 })).toBe('achieved');
  });

  it('judges an interim level against the target itself', () => {
    expect(targetStatus(level('>=', 61), { period: '2021-Q2', value: 61.2 })).toBe('on_track');
    expect(targetStatus(level('>=', 61), { period: '2021-Q2', value: 60.5 })).toBe('at_risk');
  });

  it('judges an interim cumulative figure against the pro-rata expectation', () => {
    expect(targetStatus(cumulative, { period: '2021-H1', value: 3250 })).toBe('on_track');
    expect(targetStatus(cumulative, { period: '2021-H1', value: 3249 })).toBe('at_risk');
    expect(targetStatus(cumulative, { period: '2021-03', value: 1625 })).toBe('on_track');
  });

  it('treats a report at or after the due date as final, and pro-rates up to it', () => {
    const disbursement: NumericTarget = { ...level('>=', 100), accumulation: 'cumulative', dueDate: '2021-09-30' };
    expect(targetStatus(disbursement, { period: '2021-Q3', value: 100 })).toBe('achieved');
    expect(targetStatus(disbursement, { period: '2021-09', value: 97 })).toBe('not_achieved');
    expect(targetStatus(disbursement, { period: '2021-06', value: 66.7 })).toBe('on_track');
    expect(targetStatus(disbursement, { period: '2021-06', value: 60 })).toBe('at_risk');
  });

  it('handles ranges, equality at the stated precision and rankings', () => {
    const range: NumericTarget = { metric: 'r', label: 'l', comparator: 'between', min: 60, max: 70, unit: 'cơ sở', measure: 'count', accumulation: 'cumulative' };
    expect(targetStatus(range, { period: '2021', value: 65 })).toBe('achieved');
    expect(targetStatus(range, { period: '2021', value: 71 })).toBe('not_achieved');
    expect(targetStatus(range, { period: '2021-H1', value: 30 })).toBe('on_track');
    expect(targetStatus(range, { period: '2021-H1', value: 29 })).toBe('at_risk');
    expect(meetsTarget(level('=', 56.5), 56.54)).toBe(true);
    expect(meetsTarget(level('=', 56.5), 56.6)).toBe(false);
    const rank: NumericTarget = { metric: 'ddci', label: 'l', comparator: 'top_group', value: 3, unit: 'thứ hạng', measure: 'rank', accumulation: 'level' };
    expect(targetStatus(rank, { period: '2021', value: 3 })).toBe('achieved');
    expect(targetStatus(rank, { period: '2021', value: 4 })).toBe('not_achieved');
  });
});

describe('milestone status (qualitative tasks)', () => {
  const school: MilestoneTarget = { kind: 'milestone', metric: 'completion', label: 'Hoàn thành trường THPT Hòn Gai', dueDate: '2021-09-04' };
  const noDeadline: MilestoneTarget = { kind: 'milestone', metric: 'completion', label: 'Hoàn thành xây dựng cơ sở dữ liệu' };

  it('is no_data without a report', () => {
    expect(targetStatus(school, null)).toBe('no_data');
  });

  it('is achieved when completed by the deadline, not_achieved when completed after it', () => {
    expect(targetStatus(school, { period: '2021-Q3', state: 'completed', completedOn: '2021-09-04' })).toBe('achieved');
    expect(targetStatus(school, { period: '2021-Q3', state: 'completed', completedOn: '2021-09-05' })).toBe('not_achieved');
    expect(targetStatus(noDeadline, { period: '2021-Q1', state: 'completed', completedOn: '2021-03-15' })).toBe('achieved');
  });

  it('counts a completion reported without its day as done by the period end', () => {
    expect(targetStatus(school, { period: '2021-08', state: 'completed' })).toBe('achieved');
    expect(targetStatus(school, { period: '2021-09', state: 'completed' })).toBe('not_achieved');
  });

  it('is not_achieved once the unit reports the task will not be completed, whatever the period', () => {
    expect(targetStatus(school, { period: '2021-Q1', state: 'not_completed' })).toBe('not_achieved');
    expect(targetStatus(noDeadline, { period: '2021-03', state: 'not_completed' })).toBe('not_achieved');
  });

  it('before the deadline: on_track while in progress, at_risk while not started', () => {
    expect(targetStatus(school, { period: '2021-08', state: 'in_progress' })).toBe('on_track');
    expect(targetStatus(school, { period: '2021-Q2', state: 'not_started' })).toBe('at_risk');
    expect(targetStatus(noDeadline, { period: '2021-H1', state: 'in_progress' })).toBe('on_track');
  });

  it('is not_achieved when a report at or after the deadline, or at the year end, finds it unfinished', () => {
    expect(targetStatus(school, { period: '2021-09', state: 'in_progress' })).toBe('not_achieved');
    expect(targetStatus(school, { period: '2021-Q3', state: 'not_started' })).toBe('not_achieved');
    expect(targetStatus(noDeadline, { period: '2021', state: 'in_progress' })).toBe('not_achieved');
    expect(targetStatus(noDeadline, { period: '2021-Q4', state: 'not_started' })).toBe('not_achieved');
  });

  it('cannot judge a reading of the other kind (the decider never records one)', () => {
    expect(targetStatus(school, { period: '2021', value: 100 })).toBe('no_data');
    expect(targetStatus(level('>=', 90), { period: '2021', state: 'completed', completedOn: '2021-05-01' })).toBe('no_data');
  });

  it('ranks a milestone\'s reports like figures: the period that ends last gives the state', () => {
    const reports = [
      { metric: 'completion', period: '2021-Q3', state: 'completed' as const, narrative: 'Đã bàn giao', completedOn: '2021-08-30', recordedAt: '2021-10-02T00:00:00Z' },
      { metric: 'completion', period: '2021-Q2', state: 'in_progress' as const, narrative: 'Đang thi công', recordedAt: '2021-10-03T00:00:00Z' },
    ];
    const latest = latestFigure(reports, 'completion');
    expect(latest?.state).toBe('completed');
    expect(targetStatus(school, latest)).toBe('achieved');
  });
});

describe('periods', () => {
  it('spans local calendar time (UTC+7)', () => {
    expect(periodStart(parsePeriod('2021-Q2')).toISOString()).toBe('2021-03-31T17:00:00.000Z');
    expect(periodEnd(parsePeriod('2021-H1')).toISOString()).toBe('2021-06-30T17:00:00.000Z');
    expect(periodEnd(parsePeriod('2021')).toISOString()).toBe('2021-12-31T17:00:00.000Z');
  });

  it('orders by end, then by span', () => {
    const sorted = ['2021-H1', '2021-06', '2021-Q1', '2021', '2021-Q2'].map(parsePeriod).sort(comparePeriods).map((p) => p.id);
    expect(sorted).toEqual(['2021-Q1', '2021-06', '2021-Q2', '2021-H1', '2021']);
  });
});

describe('latest figure', () => {
  it('is the report whose period ends last, whatever the order of recording', () => {
    const reports = [
      { metric: 'm', period: '2021-Q2', value: 2, recordedAt: '2021-08-10T00:00:00Z' },
      { metric: 'm', period: '2021-09', value: 3, recordedAt: '2021-07-01T00:00:00Z' },
      { metric: 'other', period: '2021', value: 9, recordedAt: '2021-12-01T00:00:00Z' },
    ];
    expect(latestFigure(reports, 'm')?.value).toBe(3);
    expect(latestFigure(reports, 'none')).toBeNull();
  });
});
