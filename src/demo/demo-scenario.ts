/**
 * What happens in the demo year besides the routine reports: corrections with their reasons, a
 * reassignment and target revisions with the decisions behind them, an inspector's queries and the
 * units' answers. Each names the report it concerns by indicator, metric and period; an entry whose
 * indicator is left out of a partial build is left out with it.
 */
import type { TargetChange } from '../domain/indicator/target';
import type { DemoOutcome } from './demo-figures';

export interface ScriptedCorrection {
  indicatorId: string;
  metric: string;
  period: string;
  /** Days after the report was recorded. */
  after: number;
  change: FigureChange;
  reason: string;
}

/**
 * How a corrected figure differs from the one reported: a share of the way to the next period's
 * figure (a year-to-date total that was incomplete), points (a level), or a percentage of itself.
 */
export type FigureChange = { towardsNext: number } | { points: number } | { percent: number };

export interface ScriptedReassignment {
  indicatorId: string;
  toUnitId: string;
  on: string;
  reason: string;
  decisionRef: string;
}

export interface ScriptedRevision {
  indicatorId: string;
  metric: string;
  change: TargetChange;
  on: string;
  reason: string;
  decisionRef: string;
}

export interface ScriptedQuery {
  indicatorId: string;
  metric: string;
  period: string;
  /** Days after the report was recorded. */
  raisedAfter: number;
  question: string;
  /** Absent: the query is still open at the end of the demo. */
  answer?: {
    after: number;
    text: string;
    /** The answer corrects the figure by this much (same rule as a correction's `change`). */
    correction?: { change: FigureChange; reason: string };
  };
  /** Absent: answered, not closed yet. */
  close?: { after: number; conclusion: string };
}

/** Targets whose course the story needs: ind-10 falls short of 6,500 new jobs, and the revision to 6,000 follows. */
export const OUTCOMES: Readonly<Record<string, DemoOutcome>> = { 'ind-10:new_jobs': 'near' };

export const CORRECTIONS: readonly ScriptedCorrection[] = [
  {
    indicatorId: 'ind-10',
    metric: 'new_jobs',
    period: '2021-03',
    after: 8,
    change: { towardsNext: 0.4 },
    reason: 'Bổ sung số liệu của phường Hồng Hải và phường Cao Xanh gửi báo cáo chậm sau ngày tổng hợp.',
  },
  {
    indicatorId: 'ind-07',
    metric: 'new_enterprises',
    period: '2021-06',
    after: 12,
    change: { towardsNext: 0.5 },
    reason: 'Điều chỉnh theo số liệu đăng ký doanh nghiệp chính thức của Sở Kế hoạch và Đầu tư tỉnh Quảng Ninh.',
  },
  {
    indicatorId: 'ind-12',
    metric: 'health_insurance_coverage',
    period: '2021-09',
    after: 6,
    change: { points: -0.3 },
    reason: 'Đối chiếu lại với dữ liệu thẻ bảo hiểm y tế của Bảo hiểm xã hội tỉnh; loại trừ các thẻ cấp trùng.',
  },
  {
    indicatorId: 'ind-16',
    metric: 'forest_cover',
    period: '2021-11',
    after: 15,
    change: { points: 0.2 },
    reason: 'Cập nhật theo kết quả theo dõi diễn biến rừng và đất lâm nghiệp được Hạt Kiểm lâm rà soát lại.',
  },
  {
    indicatorId: 'ind-06',
    metric: 'total_social_investment',
    period: '2021-12',
    after: 20,
    change: { percent: 1.8 },
    reason: 'Số liệu ước thực hiện cả năm được thay bằng số liệu chính thức của Chi cục Thống kê.',
  },
];

export const REASSIGNMENTS: readonly ScriptedReassignment[] = [
  {
    indicatorId: 'ind-19',
    toUnitId: 'phong-tai-nguyen-moi-truong',
    on: '2021-07-12',
    reason:
      'Thống nhất một đầu mối theo dõi, quản lý chất thải rắn trên địa bàn theo chức năng, nhiệm vụ của Phòng Tài nguyên và Môi trường.',
    decisionRef: 'Quyết định số 4512/QĐ-UBND ngày 09/7/2021 của UBND thành phố Hạ Long',
  },
];

export const REVISIONS: readonly ScriptedRevision[] = [
  {
    indicatorId: 'ind-10',
    metric: 'new_jobs',
    change: { value: 6000 },
    on: '2021-08-23',
    reason:
      'Điều chỉnh do ảnh hưởng của đại dịch COVID-19: nhiều cơ sở du lịch, dịch vụ tạm dừng hoạt động, nhu cầu tuyển dụng lao động giảm mạnh.',
    decisionRef: 'Kết luận số 356-KL/TU ngày 20/8/2021 của Ban Thường vụ Thành ủy',
  },
  {
    indicatorId: 'task-disburse-capital-plan',
    metric: 'disbursement_share',
    change: { dueDate: '2021-12-31' },
    on: '2021-10-18',
    reason: 'Gia hạn thời điểm giải ngân hết kế hoạch vốn do các dự án phải tạm dừng thi công trong thời gian giãn cách xã hội.',
    decisionRef: 'Quyết định số 6120/QĐ-UBND ngày 15/10/2021 của UBND thành phố Hạ Long',
  },
];

export const QUERIES: readonly ScriptedQuery[] = [
  {
    indicatorId: 'ind-10',
    metric: 'new_jobs',
    period: '2021-06',
    raisedAfter: 10,
    question:
      'Đề nghị làm rõ căn cứ số liệu lao động có việc làm mới trong 6 tháng đầu năm, khi nhiều doanh nghiệp du lịch, dịch vụ tạm dừng hoạt động do dịch COVID-19.',
    answer: {
      after: 7,
      text: 'Số liệu được tổng hợp từ báo cáo của 33 phường, xã và Trung tâm Dịch vụ việc làm tỉnh; qua rà soát, loại trừ các trường hợp được tính trùng giữa hai nguồn.',
      correction: { change: { percent: -3 }, reason: 'Loại trừ lao động được tính trùng giữa báo cáo của phường, xã và của Trung tâm Dịch vụ việc làm tỉnh.' },
    },
    close: { after: 5, conclusion: 'Chấp nhận giải trình và số liệu đã điều chỉnh; đề nghị đơn vị đối chiếu hai nguồn số liệu trước khi báo cáo.' },
  },
  {
    indicatorId: 'ind-07',
    metric: 'new_enterprises',
    period: '2021-09',
    raisedAfter: 9,
    question: 'Đề nghị cung cấp danh sách doanh nghiệp thành lập mới trong quý III và làm rõ số doanh nghiệp đã đi vào hoạt động.',
    answer: {
      after: 6,
      text: 'Đã gửi kèm danh sách theo dữ liệu đăng ký doanh nghiệp; khoảng 82% doanh nghiệp thành lập mới đã có mã số thuế và phát sinh hoạt động.',
    },
    close: { after: 4, conclusion: 'Chấp nhận giải trình.' },
  },
  {
    indicatorId: 'task-hon-gai-high-school',
    metric: 'completion',
    period: '2021-Q3',
    raisedAfter: 12,
    question: 'Đề nghị báo cáo rõ các hạng mục đã nghiệm thu và thời điểm đưa Trường THPT Hòn Gai vào sử dụng cho năm học mới.',
    answer: {
      after: 8,
      text: 'Đã gửi kèm biên bản nghiệm thu các hạng mục đã hoàn thành và tiến độ các hạng mục còn lại; nhà trường bảo đảm điều kiện tổ chức năm học 2021-2022.',
    },
  },
  {
    indicatorId: 'ind-18',
    metric: 'urban_waste_collection_share',
    period: '2021-10',
    raisedAfter: 14,
    question: 'Đề nghị làm rõ phương pháp tính tỷ lệ thu gom rác thải rắn sinh hoạt ở đô thị và số liệu của các phường ven biển.',
    answer: {
      after: 9,
      text: 'Tỷ lệ được tính trên khối lượng rác phát sinh ước tính theo dân số và khối lượng thu gom thực tế do Công ty Môi trường đô thị báo cáo.',
    },
  },
  {
    indicatorId: 'ind-14',
    metric: 'child_malnutrition_rate',
    period: '2021-12',
    raisedAfter: 18,
    question: 'Đề nghị làm rõ số trẻ được cân, đo trong đợt điều tra cuối năm và nguồn số liệu của tỷ lệ suy dinh dưỡng báo cáo.',
  },
];
