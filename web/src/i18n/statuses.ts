/** Statuses, event types, roles and target wording in Vietnamese. */
import { formatDate, formatNumber } from './format';

export type Status = 'achieved' | 'on_track' | 'at_risk' | 'not_achieved' | 'no_data';

export const STATUSES: readonly Status[] = ['not_achieved', 'at_risk', 'no_data', 'on_track', 'achieved'];

/** Label and tone of each status; the order above is "what needs attention first". */
export const STATUS_LABELS: Record<Status, string> = {
  achieved: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  not_achieved: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

export function statusLabel(status: string | null | undefined): string {
  return status && status in STATUS_LABELS ? STATUS_LABELS[status as Status] : 'Không rõ';
}

/** Sorting rank: at risk first. */
export function statusRank(status: string | null | undefined): number {
  const index = STATUSES.indexOf(status as Status);
  return index === -1 ? STATUSES.length : index;
}

export const MILESTONE_STATE_LABELS: Record<string, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  completed: 'Đã hoàn thành',
  not_completed: 'Không hoàn thành',
};

export const EVENT_TYPE_LABELS: Record<string, string> = {
  ResolutionRegistered: 'Đăng ký nghị quyết',
  UnitRegistered: 'Đăng ký đơn vị',
  UnitRenamed: 'Đổi tên đơn vị',
  UnitDeactivated: 'Ngừng hoạt động đơn vị',
  IndicatorRegistered: 'Đăng ký chỉ tiêu',
  ProgressReported: 'Báo cáo kết quả',
  ProgressReportCorrected: 'Điều chỉnh báo cáo',
  ResponsibilityReassigned: 'Phân công lại',
  TargetRevised: 'Điều chỉnh mục tiêu',
  IndicatorAssessed: 'Đánh giá cuối năm',
  ReportQueried: 'Yêu cầu giải trình',
  ReportQueryAnswered: 'Giải trình',
  ReportQueryClosed: 'Khép lại yêu cầu giải trình',
  ReviewApproved: 'Phê duyệt báo cáo sơ kết',
};

export function eventTypeLabel(type: string): string {
  return EVENT_TYPE_LABELS[type] ?? type;
}

export const ROLE_LABELS: Record<string, string> = {
  reporter: 'Cán bộ báo cáo',
  coordinator: 'Điều phối',
  standing_committee: 'Ban Thường vụ',
  inspector: 'Kiểm tra viên',
  analyst: 'Phân tích',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

export const QUERY_STATUS_LABELS: Record<string, string> = { open: 'Chờ giải trình', answered: 'Đã giải trình', closed: 'Đã khép lại' };

export const ASSESSMENT_LABELS: Record<string, string> = { achieved: 'Đạt', partially_achieved: 'Đạt một phần', not_achieved: 'Không đạt' };

export const INTEGRITY_REASON_LABELS: Record<string, string> = {
  REVISION_GAP: 'thiếu một bản ghi (số thứ tự bị đứt quãng)',
  POSITION_ORDER: 'thứ tự bản ghi bị đảo',
  UNSEALED_EVENT: 'bản ghi không có mã băm',
  PREV_HASH_MISMATCH: 'mã băm không nối tiếp bản ghi trước',
  HASH_MISMATCH: 'nội dung bản ghi đã bị sửa sau khi ghi',
  UNREADABLE_EVENT: 'bản ghi không đọc được',
};

/** The parts of a target the wording needs. */
export interface TargetWords {
  kind?: string | null;
  comparator?: string | null;
  value?: number | null;
  min?: number | null;
  max?: number | null;
  unit?: string | null;
  dueDate?: string | null;
  rankingIndex?: string | null;
}

function quantity(value: number | null | undefined, unit: string | null | undefined): string {
  const number = formatNumber(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** A target as the resolution says it: "từ 90% trở lên", "trên 1.000 doanh nghiệp", "hoàn thành trước 05/9/2021". */
export function targetInWords(target: TargetWords): string {
  if (target.kind === 'milestone' || !target.comparator) {
    return target.dueDate ? `Hoàn thành trước ngày ${formatDate(target.dueDate)}` : 'Hoàn thành trong năm';
  }
  const { value, unit } = target;
  switch (target.comparator) {
    case '>=':
      return `Từ ${quantity(value, unit)} trở lên`;
    case '>':
      return `Trên ${quantity(value, unit)}`;
    case '<=':
      return `Không quá ${quantity(value, unit)}`;
    case '<':
      return `Dưới ${quantity(value, unit)}`;
    case '=':
      return `Đạt ${quantity(value, unit)}`;
    case 'between':
      return `Từ ${formatNumber(target.min)} đến ${quantity(target.max, unit)}`;
    case 'top_group':
      return `Thuộc nhóm dẫn đầu${target.rankingIndex ? ` chỉ số ${target.rankingIndex}` : ''}`;
    default:
      return `${target.comparator} ${quantity(value, unit)}`;
  }
}
