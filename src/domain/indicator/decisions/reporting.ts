/** Progress reports and their corrections. */
import { BusinessRuleError, NotFoundError } from '../../../shared/errors';
import { requireReportingRight } from '../authorization';
import type { CorrectProgressReport, ReportProgress } from '../commands';
import { acceptEvidence, type Evidence } from '../evidence';
import type { ProgressReportCorrected, ProgressReported } from '../events';
import { parsePeriod, periodStart } from '../period';
import { changeOf, readingOf, sameReading, type ReadingInput } from '../reading';
import type { IndicatorState, RegisteredIndicator, ReportRecord } from '../state';
import { requireOpen, requireTarget, requireText } from './common';
import { acceptReading } from './reading-rules';

export function decideReport(command: ReportProgress, state: IndicatorState): ProgressReported[] {
  const { data, context } = command;
  const indicator = requireOpen(state, data.indicatorId);
  requireReportingRight(context.actor, indicator);
  const target = requireTarget(indicator, data.metric);
  requirePeriodReportable(data.period, indicator.year, context.now);
  const reading = acceptReading(target, data, { period: data.period, year: indicator.year, now: context.now });

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
  const evidence = acceptEvidence(data.evidence, context.now);
  const note = data.note?.trim();
  return [
    {
      type: 'ProgressReported',
      data: {
        indicatorId: data.indicatorId,
        reportId: data.reportId,
        metric: data.metric,
        period: data.period,
        ...reading,
        ...(note ? { note } : {}),
        unitId: indicator.responsibleUnitId,
        ...(evidence ? { evidence } : {}),
      },
    },
  ];
}

export function decideCorrection(command: CorrectProgressReport, state: IndicatorState): ProgressReportCorrected[] {
  const { data, context } = command;
  const indicator = requireOpen(state, data.indicatorId);
  const report = requireReport(indicator, data.reportId);
  requireReportingRight(context.actor, indicator);
  const evidence = acceptEvidence(data.evidence, context.now);
  const { indicatorId: _indicatorId, reportId: _reportId, ...change } = data;
  return [correctionOf(indicator, report, { ...change, evidence }, context.now)];
}

export function requireReport(indicator: RegisteredIndicator, reportId: string): ReportRecord {
  const report = indicator.reports.find((r) => r.reportId === reportId);
  if (!report) {
    throw new NotFoundError('REPORT_NOT_FOUND', `Indicator ${indicator.indicatorId} has no report ${reportId}`, { reportId });
  }
  return report;
}

/**
 * The correction event for a report, once the caller has checked who may make it: a reason, and a
 * reading that suits the target and differs from the current one. Shared by corrections and query
 * answers. A milestone's reading is replaced whole: state, narrative and completion day together.
 */
export function correctionOf(
  indicator: RegisteredIndicator,
  report: ReportRecord,
  change: ReadingInput & { reason: string; note?: string; evidence?: Evidence[]; queryId?: string },
  now: string,
): ProgressReportCorrected {
  const reason = requireText(change.reason, 'REASON_REQUIRED', 'A reason for the correction');
  const target = requireTarget(indicator, report.metric);
  const corrected = acceptReading(target, change, { period: report.period, year: indicator.year, now });
  const current = readingOf(report);
  if (sameReading(current, corrected)) {
    throw new BusinessRuleError('CORRECTION_CHANGES_NOTHING', `Report ${report.reportId} already says this`, { reportId: report.reportId });
  }
  const note = change.note?.trim();
  return {
    type: 'ProgressReportCorrected',
    data: {
      indicatorId: indicator.indicatorId,
      reportId: report.reportId,
      metric: report.metric,
      period: report.period,
      ...changeOf(current, corrected),
      reason,
      ...(note ? { note } : {}),
      ...(change.evidence ? { evidence: change.evidence } : {}),
      ...(change.queryId ? { queryId: change.queryId } : {}),
    },
  };
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
