/** Progress reports and their corrections. */
import { BusinessRuleError, NotFoundError } from '../../../shared/errors';
import { requireReportingRight } from '../authorization';
import type { CorrectProgressReport, ReportProgress } from '../commands';
import type { ProgressReportCorrected, ProgressReported } from '../events';
import { parsePeriod, periodStart } from '../period';
import type { IndicatorState } from '../state';
import { requireOpen, requireSuitableValue, requireTarget, requireText } from './common';

export function decideReport(command: ReportProgress, state: IndicatorState): ProgressReported[] {
  const { data, context } = command;
  const indicator = requireOpen(state, data.indicatorId);
  requireReportingRight(context.actor, indicator);
  const target = requireTarget(indicator, data.metric);
  requirePeriodReportable(data.period, indicator.year, context.now);
  requireSuitableValue(target, data.value);

  const existing = indicator.reports.find((r) => r.metric === data.metric && r.period === data.period);
  if (existing) {
    throw new BusinessRuleError(
      'DUPLICATE_REPORT',
      `"${data.metric}" already has a report for ${data.period}; send a correction with a reason instead`,
      { reportId: existing.reportId, metric: data.metric, period: data.period },
    );
  }
  if (indicator.reports.some((r) => r.reportId === data.reportId)) {
    throw new BusinessRuleError('DUPLICATE_REPORT_ID', `Report id ${data.reportId} is already used`);
  }
  const note = data.note?.trim();
  return [
    {
      type: 'ProgressReported',
      data: {
        indicatorId: data.indicatorId,
        reportId: data.reportId,
        metric: data.metric,
        period: data.period,
        value: data.value,
        ...(note ? { note } : {}),
        unitId: indicator.responsibleUnitId,
      },
    },
  ];
}

export function decideCorrection(command: CorrectProgressReport, state: IndicatorState): ProgressReportCorrected[] {
  const { data, context } = command;
  const indicator = requireOpen(state, data.indicatorId);
  const report = indicator.reports.find((r) => r.reportId === data.reportId);
  if (!report) {
    throw new NotFoundError('REPORT_NOT_FOUND', `Indicator ${data.indicatorId} has no report ${data.reportId}`, {
      reportId: data.reportId,
    });
  }
  requireReportingRight(context.actor, indicator);
  const reason = requireText(data.reason, 'REASON_REQUIRED', 'A reason for the correction');
  requireSuitableValue(requireTarget(indicator, report.metric), data.value);
  if (data.value === report.value) {
    throw new BusinessRuleError('CORRECTION_CHANGES_NOTHING', `Report ${data.reportId} already has the value ${data.value}`);
  }
  const note = data.note?.trim();
  return [
    {
      type: 'ProgressReportCorrected',
      data: {
        indicatorId: data.indicatorId,
        reportId: report.reportId,
        metric: report.metric,
        period: report.period,
        previousValue: report.value,
        value: data.value,
        reason,
        ...(note ? { note } : {}),
      },
    },
  ];
}

/** The period must lie in the resolution's year and must have started when the report is made. */
function requirePeriodReportable(periodText: string, year: number, now: string): void {
  const period = parsePeriod(periodText);
  if (period.year !== year) {
    throw new BusinessRuleError('PERIOD_OUTSIDE_YEAR', `Period ${periodText} is outside the resolution year ${year}`, {
      period: periodText,
      year,
    });
  }
  if (periodStart(period).getTime() > Date.parse(now)) {
    throw new BusinessRuleError('PERIOD_IN_FUTURE', `Period ${periodText} has not started yet`, {
      period: periodText,
      periodStart: periodStart(period).toISOString(),
    });
  }
}
