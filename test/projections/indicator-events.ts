/** Indicator events for projection tests: builders with the resolution's real figures as defaults. */
import type {
  AssessmentOutcome,
  IndicatorAssessed,
  IndicatorRegistered,
  ProgressReportCorrected,
  ProgressReported,
  ResponsibilityReassigned,
  TargetRevised,
} from '../../src/domain/indicator/events';
import type { MilestoneReading } from '../../src/domain/indicator/reading';
import type { MilestoneTarget, NumericTarget, Target } from '../../src/domain/indicator/target';
import { excellentShareTarget, newMembersTarget, schoolTarget } from '../support/indicator-fixtures';

export const IND = 'ind-03';

/** Indicator 3's targets: at least 450 new party members (a year-to-date count), 20% excellent (a level share). */
export const newMembers: NumericTarget = newMembersTarget;
export const excellentShare: NumericTarget = excellentShareTarget;

/** A qualitative task with a deadline: Hòn Gai high school, finished before 05/9/2021. */
export const schoolCompleted: MilestoneTarget = schoolTarget;

export function registered(data: Partial<IndicatorRegistered['data']> = {}): IndicatorRegistered {
  return {
    type: 'IndicatorRegistered',
    data: {
      indicatorId: IND,
      resolutionId: 'hl-2021',
      year: 2021,
      kind: 'indicator',
      number: 3,
      group: 'party_building',
      section: 'I.2',
      name: 'Số lượng đảng viên được kết nạp mới',
      responsibleUnitId: 'ban-to-chuc-thanh-uy',
      targets: [newMembers, excellentShare],
      ...data,
    },
  };
}

/** The fields of a report besides its reading. */
type ReportFields = Partial<Pick<ProgressReported['data'], 'indicatorId' | 'reportId' | 'metric' | 'period' | 'note' | 'unitId' | 'evidence'>>;

export function reported(reportId: string, metric: string, period: string, value: number, data: ReportFields = {}): ProgressReported {
  return {
    type: 'ProgressReported',
    data: { indicatorId: IND, reportId, metric, period, value, unitId: 'ban-to-chuc-thanh-uy', ...data },
  };
}

/** A task registered with the one milestone target above. */
export function registeredTask(): IndicatorRegistered {
  const { number: _number, ...data } = registered({ kind: 'task', section: 'II.7.1', name: 'Hoàn thành trường THPT Hòn Gai', targets: [schoolCompleted] }).data;
  return { type: 'IndicatorRegistered', data };
}

export function reportedState(reportId: string, period: string, reading: MilestoneReading, data: ReportFields = {}): ProgressReported {
  return {
    type: 'ProgressReported',
    data: { indicatorId: IND, reportId, metric: schoolCompleted.metric, period, ...reading, unitId: 'ban-to-chuc-thanh-uy', ...data },
  };
}

export function correctedState(reportId: string, period: string, previous: MilestoneReading, reading: MilestoneReading, reason = 'Bổ sung kết quả'): ProgressReportCorrected {
  return { type: 'ProgressReportCorrected', data: { indicatorId: IND, reportId, metric: schoolCompleted.metric, period, previous, ...reading, reason } };
}

export function corrected(
  reportId: string,
  metric: string,
  period: string,
  previousValue: number,
  value: number,
  reason = 'Nhầm số liệu khi tổng hợp',
): ProgressReportCorrected {
  return { type: 'ProgressReportCorrected', data: { indicatorId: IND, reportId, metric, period, previousValue, value, reason } };
}

export function reassigned(fromUnitId: string, toUnitId: string): ResponsibilityReassigned {
  return {
    type: 'ResponsibilityReassigned',
    data: { indicatorId: IND, fromUnitId, toUnitId, reason: 'Kiện toàn tổ chức bộ máy', decisionRef: '130-QĐ/TU' },
  };
}

export function revised<T extends Target>(before: T, change: Partial<T>): TargetRevised {
  return {
    type: 'TargetRevised',
    data: {
      indicatorId: IND,
      metric: before.metric,
      before,
      after: { ...before, ...change },
      reason: 'Ảnh hưởng của dịch Covid-19',
      decisionRef: '125-QĐ/TU',
    },
  };
}

export function assessed(outcome: AssessmentOutcome, targets: IndicatorAssessed['data']['targets']): IndicatorAssessed {
  return {
    type: 'IndicatorAssessed',
    data: { indicatorId: IND, outcome, targets, conclusion: 'Hoàn thành vượt mức kế hoạch', decisionRef: '140-KL/TU' },
  };
}
