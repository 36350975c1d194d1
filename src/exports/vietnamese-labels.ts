/** Vietnamese labels for the codes the read models store, as the exports show them. */
import type { IndicatorEventType, IndicatorKind } from '../domain/indicator/events';
import type { TargetStatus } from '../domain/indicator/status';

export const STATUS_LABELS: Record<TargetStatus, string> = {
  achieved: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  not_achieved: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

export const KIND_LABELS: Record<IndicatorKind, string> = {
  indicator: 'Chỉ tiêu chủ yếu',
  task: 'Nhiệm vụ',
};

export const EVENT_TYPE_LABELS: Record<IndicatorEventType, string> = {
  IndicatorRegistered: 'Đăng ký',
  ProgressReported: 'Báo cáo tiến độ',
  ProgressReportCorrected: 'Đính chính báo cáo',
  ResponsibilityReassigned: 'Phân công lại',
  TargetRevised: 'Điều chỉnh mục tiêu',
  IndicatorAssessed: 'Đánh giá cuối năm',
  ReportQueried: 'Yêu cầu giải trình',
  ReportQueryAnswered: 'Giải trình',
  ReportQueryClosed: 'Kết thúc giải trình',
};

/** The groups the seed uses; an unknown group is shown by its key. */
const GROUP_LABELS: Record<string, string> = {
  party_building: 'Xây dựng Đảng và hệ thống chính trị',
  economy: 'Kinh tế',
  society: 'Văn hóa – xã hội',
  social: 'Văn hóa – xã hội',
  environment: 'Môi trường',
  urban_environment: 'Quy hoạch, đô thị, đất đai, tài nguyên, môi trường',
  infrastructure: 'Kết cấu hạ tầng',
  administrative_reform: 'Cải cách hành chính',
  budget: 'Ngân sách',
  business: 'Doanh nghiệp',
  covid: 'Phòng, chống dịch Covid-19',
  defense: 'Quốc phòng – an ninh',
  government: 'Chính quyền',
  implementation: 'Tổ chức thực hiện',
  mass_mobilisation: 'Dân vận, Mặt trận và đoàn thể',
  human_resources: 'Phát triển nguồn nhân lực',
  foreign_affairs: 'Đối ngoại',
};

export function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group;
}
