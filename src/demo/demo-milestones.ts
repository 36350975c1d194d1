/**
 * How a qualitative task (nhiệm vụ định tính) goes through the demo year, quarter by quarter: its
 * state and a Vietnamese narrative of what was done, as a unit's quarterly report would put it.
 * Most tasks run all year and are finished in December; some are finished earlier, some late or not
 * at all. Tasks with a deadline are finished by it, or a little after. Once finished, a task is no
 * longer reported.
 */
import type { MilestoneState } from '../domain/indicator/reading';
import type { MilestoneTarget } from '../domain/indicator/target';
import { addDays, lastDayOf } from './demo-calendar';
import type { DemoPeriod } from './demo-periods';
import { quarterOf } from './demo-periods';
import type { DemoRandom } from './demo-random';

export interface DemoMilestoneReading extends DemoPeriod {
  state: MilestoneState;
  narrative: string;
  completedOn?: string;
}

/** The quarter the task is finished in and the day, or how it ends unfinished. */
type Course = { finished: true; quarter: number; on: string } | { finished: false; end: 'carried_over' | 'not_completed' };

export function milestoneReadingsOf(target: MilestoneTarget, quarters: readonly DemoPeriod[], random: DemoRandom): DemoMilestoneReading[] {
  const course = courseOf(target, random);
  const startsLate = random.chance(0.15) && (!course.finished || course.quarter >= 3);
  const readings: DemoMilestoneReading[] = [];
  for (const [index, period] of quarters.entries()) {
    const quarter = index + 1;
    if (course.finished && quarter === course.quarter) {
      readings.push({ ...period, state: 'completed', completedOn: course.on, narrative: completedNarrative(course.on, random) });
      break;
    }
    if (quarter === 1 && startsLate) {
      readings.push({ ...period, state: 'not_started', narrative: NOT_STARTED });
    } else if (!course.finished && quarter === 4) {
      readings.push(
        course.end === 'not_completed'
          ? { ...period, state: 'not_completed', narrative: random.pick(NOT_COMPLETED) }
          : { ...period, state: 'in_progress', narrative: `${random.pick(CARRIED_OVER)} Ước đạt khoảng ${random.int(6, 9) * 10}% khối lượng công việc.` },
      );
    } else {
      readings.push({ ...period, state: 'in_progress', narrative: inProgressNarrative(quarter, random) });
    }
  }
  return readings;
}

function courseOf(target: MilestoneTarget, random: DemoRandom): Course {
  if (target.dueDate) {
    const due = target.dueDate;
    const dueQuarter = quarterOf(due);
    if (random.chance(0.8) || dueQuarter === 4) return { finished: true, quarter: dueQuarter, on: addDays(due, -random.int(0, 20)) };
    return { finished: true, quarter: dueQuarter + 1, on: addDays(lastDayOf(2021, (dueQuarter + 1) * 3), -random.int(20, 60)) };
  }
  const draw = random.next();
  if (draw < 0.6) return { finished: true, quarter: 4, on: addDays('2021-12-31', -random.int(3, 25)) };
  if (draw < 0.85) {
    const quarter = random.int(2, 3);
    return { finished: true, quarter, on: addDays(lastDayOf(2021, quarter * 3), -random.int(5, 60)) };
  }
  return { finished: false, end: draw < 0.95 ? 'carried_over' : 'not_completed' };
}

/** `2021-08-28` → `28/8/2021`, as Vietnamese documents write dates. */
export function vietnameseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date}/${month}/${year}`;
}

const NOT_STARTED =
  'Chưa triển khai trong quý; đơn vị đang rà soát, chuẩn bị các điều kiện và xây dựng kế hoạch chi tiết để triển khai trong quý tiếp theo.';

const IN_PROGRESS: Record<number, readonly string[]> = {
  1: [
    'Đã ban hành kế hoạch triển khai, phân công nhiệm vụ cụ thể cho các phòng, ban, đơn vị và UBND các xã, phường.',
    'Đã quán triệt nội dung nhiệm vụ tại hội nghị giao ban; đang xây dựng kế hoạch chi tiết và lộ trình thực hiện.',
    'Đã thành lập tổ công tác, xây dựng kế hoạch và tổ chức triển khai các nội dung đầu tiên.',
  ],
  2: [
    'Đang tổ chức triển khai theo kế hoạch; đã tổ chức kiểm tra, đôn đốc tiến độ tại các xã, phường.',
    'Đã hoàn thành các nội dung của 6 tháng đầu năm; đang tiếp tục triển khai các nội dung còn lại.',
    'Triển khai đúng tiến độ; đã tổ chức sơ kết 6 tháng, chỉ ra tồn tại, hạn chế và giải pháp khắc phục.',
  ],
  3: [
    'Tiến độ bị ảnh hưởng do thực hiện các biện pháp phòng, chống dịch COVID-19; đơn vị đã điều chỉnh phương án để bảo đảm hoàn thành trong năm.',
    'Tiếp tục triển khai theo kế hoạch; đã đôn đốc, hướng dẫn các đơn vị còn chậm tiến độ.',
    'Cơ bản hoàn thành các nội dung của quý; đang tập trung cho các nội dung trọng tâm của quý IV.',
  ],
  4: ['Đang hoàn thiện các nội dung cuối cùng; dự kiến hoàn thành trong tháng 01/2022.'],
};

const COMPLETED = [
  'đơn vị đã báo cáo kết quả với Thường trực Thành ủy.',
  'kết quả được tổng hợp trong báo cáo của đơn vị gửi UBND Thành phố.',
  'đã tổ chức tổng kết, đánh giá kết quả và đề xuất nhiệm vụ năm 2022.',
];

const CARRIED_OVER = [
  'Chưa hoàn thành trong năm 2021 do ảnh hưởng của dịch COVID-19 đến tiến độ triển khai; đề xuất chuyển tiếp sang năm 2022.',
  'Chưa hoàn thành do vướng mắc về thủ tục và nguồn lực thực hiện; đơn vị tiếp tục triển khai trong quý I/2022.',
];

const NOT_COMPLETED = [
  'Không hoàn thành trong năm 2021 do ảnh hưởng kéo dài của dịch COVID-19 và vướng mắc về giải phóng mặt bằng, thủ tục đầu tư; đơn vị đề xuất chuyển sang kế hoạch năm 2022.',
  'Không hoàn thành do chưa bố trí được nguồn lực thực hiện; đơn vị đã báo cáo nguyên nhân và đề xuất giải pháp với Thường trực Thành ủy.',
];

function inProgressNarrative(quarter: number, random: DemoRandom): string {
  return random.pick(IN_PROGRESS[quarter]);
}

function completedNarrative(on: string, random: DemoRandom): string {
  return `Đã hoàn thành ngày ${vietnameseDate(on)}; ${random.pick(COMPLETED)}`;
}
