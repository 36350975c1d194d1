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
import type { Target } from '../../src/domain/indicator/target';

export const IND = 'ind-03';

/** Indicator 3: at least 450 new party members, a year-to-date count. */
export const newMembers: Target = {
  metric: 'new_members',
  label: 'Kết nạp mới từ 450 đảng viên trở lên',
  comparator: '>=',
  value: 450,
  unit: 'đảng viên',
  measure: 'count',
  accumulation: 'cumulative',
};

/** A level share within the same indicator: 20% of members rated excellent. */
export const excellentShare: Target = {
  metric: 'excellent_share',
  label: '20% hoàn thành xuất sắc nhiệm vụ',
  comparator: '>=',
  value: 20,
  unit: '%',
  measure: 'share',
  accumulation: 'level',
};

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

export function reported(reportId: string, metric: string, period: string, value: number, data: Partial<ProgressReported['data']> = {}): ProgressReported {
  return {
    type: 'ProgressReported',
    data: { indicatorId: IND, reportId, metric, period, value, unitId: 'ban-to-chuc-thanh-uy', ...data },
  };
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

export function revised(before: Target, change: Partial<Target>): TargetRevised {
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
