/** Vietnamese words of a review, shared by its spreadsheet and its printable page. */
import { MILESTONE_STATE_LABELS } from '../../domain/indicator/reading';
import { parsePeriod } from '../../domain/indicator/period';
import type { ReviewChange } from '../../domain/review/change';
import { STATUS_LABELS } from '../../exports/vietnamese-labels';
import { formatVietnameseNumber } from '../../shared/vietnamese-format';
import type { ReviewStanding, ReviewTargetLine } from '../content/review-content.types';

export const CHANGE_LABELS: Record<ReviewChange, string> = {
  improved: 'Tiến bộ',
  worsened: 'Giảm sút',
  unchanged: 'Không thay đổi',
  new: 'Có số liệu lần đầu',
};

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/** 'quý II năm 2021', '6 tháng đầu năm 2021', 'năm 2021'. */
export function periodName(text: string): string {
  const period = parsePeriod(text);
  switch (period.kind) {
    case 'quarter':
      return `quý ${ROMAN_QUARTERS[period.lastMonth / 3 - 1]} năm ${period.year}`;
    case 'half':
      return period.firstMonth === 1 ? `6 tháng đầu năm ${period.year}` : `6 tháng cuối năm ${period.year}`;
    case 'year':
      return `năm ${period.year}`;
    case 'month':
      return `tháng ${period.lastMonth} năm ${period.year}`;
  }
}

/** A standing's reading as a report would write it: '3.400 người', 'Đang triển khai', or empty. */
export function readingText(standing: ReviewStanding, unit: string | null): string {
  if (standing.latestValue !== null) return `${formatVietnameseNumber(standing.latestValue)}${unit ? ` ${unit}` : ''}`;
  if (standing.latestState !== null) {
    const label = MILESTONE_STATE_LABELS[standing.latestState];
    return standing.latestCompletedOn ? `${label} (${dayText(standing.latestCompletedOn)})` : label;
  }
  return '';
}

export function statusText(standing: ReviewStanding): string {
  return STATUS_LABELS[standing.status];
}

export function changeText(line: Pick<ReviewTargetLine, 'change'>): string {
  return line.change === null ? '' : CHANGE_LABELS[line.change];
}

/** dd/mm/yyyy. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
