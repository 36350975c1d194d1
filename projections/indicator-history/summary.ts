/**
 * One-line Vietnamese summaries of indicator events, as the audit timeline and exports show them.
 * Numbers are written the Vietnamese way (3,9; 1.000). Free text from the event (reasons,
 * conclusions, names) is folded onto one line so a summary always fits one row of a listing.
 */
import type {
  AssessmentOutcome,
  IndicatorAssessed,
  IndicatorEvent,
  IndicatorRegistered,
  ProgressReportCorrected,
  ProgressReported,
  ReportQueried,
  ReportQueryAnswered,
  ReportQueryClosed,
  ResponsibilityReassigned,
  TargetRevised,
} from '../../src/domain/indicator/events';
import type { Evidence } from '../../src/domain/indicator/evidence';
import { MILESTONE_STATE_LABELS, readingAfter, readingBefore, readingOf, type MilestoneState, type Reading } from '../../src/domain/indicator/reading';
import { assertNever } from '../../src/domain/indicator/target';
import { formatVietnameseDate, formatVietnameseNumber } from '../../src/shared/vietnamese-format';
import { formatGoal } from './goal-text';
import { goalSnapshot } from './snapshots';

/**
 * What the event alone does not say. Reports and corrections carry no display unit; a caller that
 * knows the indicator's targets (an export) can supply it, the projection cannot and leaves it out.
 */
export interface SummaryContext {
  unitOf?(metric: string): string | undefined;
}

export const ASSESSMENT_OUTCOME_LABELS: Record<AssessmentOutcome, string> = {
  achieved: 'Đạt',
  partially_achieved: 'Đạt một phần',
  not_achieved: 'Không đạt',
};

/**
 * The indicator history and the audit log summarise every event one after the other: the last
 * event summarised without a context is remembered, so each summary is formatted once and both
 * entries share one string.
 */
let lastEvent: IndicatorEvent | null = null;
let lastSummary = '';

export function summarizeIndicatorEvent(event: IndicatorEvent, context?: SummaryContext): string {
  if (context !== undefined) return oneLine(summaryText(event, context));
  if (event !== lastEvent) {
    lastSummary = oneLine(summaryText(event, {}));
    lastEvent = event;
  }
  return lastSummary;
}

function summaryText(event: IndicatorEvent, context: SummaryContext): string {
  switch (event.type) {
    case 'IndicatorRegistered':
      return registeredSummary(event.data);
    case 'ProgressReported':
      return reportedSummary(event.data, context.unitOf?.(event.data.metric));
    case 'ProgressReportCorrected':
      return correctedSummary(event.data, context.unitOf?.(event.data.metric));
    case 'ResponsibilityReassigned':
      return reassignedSummary(event.data);
    case 'TargetRevised':
      return revisedSummary(event.data);
    case 'IndicatorAssessed':
      return assessedSummary(event.data);
    case 'ReportQueried':
      return queriedSummary(event.data);
    case 'ReportQueryAnswered':
      return answeredSummary(event.data, context.unitOf?.(event.data.metric));
    case 'ReportQueryClosed':
      return queryClosedSummary(event.data);
    default:
      return assertNever(event);
  }
}

function registeredSummary(data: IndicatorRegistered['data']): string {
  const what = data.kind === 'indicator' && data.number !== undefined ? `chỉ tiêu ${data.number}` : `nhiệm vụ ${data.section}`;
  const owner = data.responsibilityAssumed ? 'đơn vị chủ trì (tạm xác định)' : 'đơn vị chủ trì';
  return `Đăng ký ${what}: ${data.name}; ${owner}: ${data.responsibleUnitId}`;
}

function reportedSummary(data: ProgressReported['data'], unit: string | undefined): string {
  const reading = readingOf(data);
  return `Đơn vị ${data.unitId} báo cáo '${data.metric}' kỳ ${data.period}: ${readingText(reading, unit)}${narrativeSuffix(reading)}${evidenceSuffix(data.evidence)}`;
}

function correctedSummary(data: ProgressReportCorrected['data'], unit: string | undefined): string {
  const after = readingAfter(data);
  const change = `${readingText(readingBefore(data))} → ${readingText(after, unit)}${narrativeSuffix(after)}`;
  const inAnswer = data.queryId ? ' (giải trình theo yêu cầu của Ủy ban Kiểm tra)' : '';
  return `Đính chính báo cáo '${data.metric}' kỳ ${data.period}${inAnswer}: ${change}; lý do: ${data.reason}${evidenceSuffix(data.evidence)}`;
}

/** "1.750 (lao động)" for a figure; "Hoàn thành ngày 30/08/2021" or "Đang triển khai" for a milestone. */
function readingText(reading: Reading, unit?: string): string {
  if (reading.state === undefined) return `${formatVietnameseNumber(reading.value)}${unitSuffix(unit)}`;
  return milestoneStateText(reading.state, reading.completedOn);
}

/** A milestone's state as a report writes it: "Đang triển khai", "Hoàn thành ngày 30/08/2021". */
export function milestoneStateText(state: MilestoneState, completedOn: string | null | undefined): string {
  return `${MILESTONE_STATE_LABELS[state]}${completedOn ? ` ngày ${formatVietnameseDate(completedOn)}` : ''}`;
}

/** "; kết quả: …" — what a milestone report says was done. */
function narrativeSuffix(reading: Reading): string {
  return reading.state === undefined ? '' : `; kết quả: ${reading.narrative}`;
}

function queriedSummary(data: ReportQueried['data']): string {
  return `Yêu cầu đơn vị ${data.unitId} giải trình báo cáo '${data.metric}' kỳ ${data.period}: ${data.question}`;
}

function answeredSummary(data: ReportQueryAnswered['data'], unit: string | undefined): string {
  const correction = data.correction
    ? `; kèm đính chính ${readingText(readingBefore(data.correction))} → ${readingText(readingAfter(data.correction), unit)}`
    : '';
  return `Giải trình báo cáo '${data.metric}' kỳ ${data.period}: ${data.answer}${correction}${evidenceSuffix(data.evidence)}`;
}

function queryClosedSummary(data: ReportQueryClosed['data']): string {
  return `Kết thúc yêu cầu giải trình báo cáo '${data.metric}' kỳ ${data.period}; kết luận: ${data.conclusion}`;
}

/** "; tài liệu: 45/BC-UBND ngày 05/04/2021, …" — the documents a report, correction or answer cites. */
function evidenceSuffix(evidence: readonly Evidence[] | undefined): string {
  if (!evidence || evidence.length === 0) return '';
  return `; tài liệu: ${evidence.map((item) => `${item.documentRef} ngày ${formatVietnameseDate(item.issuedOn)}`).join(', ')}`;
}

function reassignedSummary(data: ResponsibilityReassigned['data']): string {
  return `Phân công lại: ${data.fromUnitId} → ${data.toUnitId} theo ${data.decisionRef}; lý do: ${data.reason}`;
}

function revisedSummary(data: TargetRevised['data']): string {
  const change = `${formatGoal(goalSnapshot(data.before))} → ${formatGoal(goalSnapshot(data.after))}${unitSuffix(data.after.unit)}`;
  return `Điều chỉnh mục tiêu '${data.metric}': ${change} theo ${data.decisionRef}; lý do: ${data.reason}`;
}

function assessedSummary(data: IndicatorAssessed['data']): string {
  return `Đánh giá cuối năm: ${ASSESSMENT_OUTCOME_LABELS[data.outcome]} theo ${data.decisionRef}; kết luận: ${data.conclusion}`;
}

function unitSuffix(unit: string | undefined): string {
  return unit ? ` (${unit})` : '';
}

/** Whitespace that folding would change: a run of two, anything but a plain space, or at either end. */
const UNFOLDED = /\s\s|[^\S ]|^\s|\s$/;

/**
 * The text on one line: every run of whitespace becomes one space, none at the ends. Most texts
 * are already so, and are returned as they are (the test also flattens a concatenated string, so
 * what is stored is one compact string, not the pieces it was built from).
 */
export function oneLine(text: string): string {
  return UNFOLDED.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
