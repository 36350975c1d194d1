/**
 * A review as a workbook: one sheet per section — the totals, the indicators and tasks, what was
 * recorded, what was not reported, the approval. Written by the exports' XLSX writer, so every text
 * cell is neutralised against formulas like every other export (src/exports/formula-guard.ts).
 */
import { EVENT_TYPE_LABELS, KIND_LABELS, STATUS_LABELS, groupLabel } from '../../exports/vietnamese-labels';
import { TARGET_STATUSES } from '../../domain/indicator/status';
import type { CellValue, ExportTable } from '../../exports/table';
import type { ReviewView } from '../get-review.query';
import { changeText, readingText, statusText } from './review-labels';

export function reviewTables(review: ReviewView): ExportTable[] {
  const base = `so-ket-${review.period}`;
  return [totals(review, base), items(review, base), recorded(review, base), missing(review, base), approval(review, base)];
}

function totals(review: ReviewView, fileBaseName: string): ExportTable {
  const statusColumns = TARGET_STATUSES.map((status) => ({ header: STATUS_LABELS[status], kind: 'number' as const, width: 14 }));
  const rows: CellValue[][] = review.content.totals.byGroup.map((g) => [groupLabel(g.group), g.indicators, g.targets, ...TARGET_STATUSES.map((s) => g.byStatus[s])]);
  const { totals: all } = review.content;
  rows.push(['Tổng cộng', all.indicators + all.tasks, all.targets, ...TARGET_STATUSES.map((s) => all.byStatus[s])]);
  return {
    sheetName: 'Tổng hợp',
    fileBaseName,
    columns: [{ header: 'Nhóm', kind: 'text', width: 44 }, { header: 'Chỉ tiêu, nhiệm vụ', kind: 'number', width: 12 }, { header: 'Mục tiêu', kind: 'number', width: 10 }, ...statusColumns],
    rows,
  };
}

function items(review: ReviewView, fileBaseName: string): ExportTable {
  const rows: CellValue[][] = [];
  for (const item of review.content.items) {
    for (const line of item.targets) {
      rows.push([
        item.indicatorId,
        KIND_LABELS[item.kind],
        item.number,
        item.section,
        groupLabel(item.group),
        item.name,
        line.label,
        item.responsibleUnitName ?? item.responsibleUnitId,
        line.latestPeriod,
        line.latestValue,
        readingText({ ...line, latestValue: null }, null) || null,
        statusText(line),
        line.previous ? readingText(line.previous, line.unit) || null : null,
        line.previous ? statusText(line.previous) : null,
        changeText(line) || null,
        line.reportedForPeriod ? 'Có' : 'Chưa',
      ]);
    }
  }
  return {
    sheetName: 'Chỉ tiêu, nhiệm vụ',
    fileBaseName,
    columns: [
      { header: 'Mã', kind: 'text', width: 16 },
      { header: 'Loại', kind: 'text', width: 16 },
      { header: 'Số', kind: 'number', width: 6 },
      { header: 'Mục', kind: 'text', width: 9 },
      { header: 'Nhóm', kind: 'text', width: 28 },
      { header: 'Tên', kind: 'text', width: 50 },
      { header: 'Mục tiêu', kind: 'text', width: 44 },
      { header: 'Đơn vị chủ trì', kind: 'text', width: 30 },
      { header: 'Kỳ số liệu', kind: 'text', width: 10 },
      { header: 'Giá trị', kind: 'number', width: 12 },
      { header: 'Tình trạng', kind: 'text', width: 22 },
      { header: 'Đánh giá', kind: 'text', width: 20 },
      { header: 'Quý trước', kind: 'text', width: 20 },
      { header: 'Đánh giá quý trước', kind: 'text', width: 20 },
      { header: 'So với quý trước', kind: 'text', width: 18 },
      { header: 'Báo cáo trong kỳ', kind: 'text', width: 10 },
    ],
    rows,
  };
}

function recorded(review: ReviewView, fileBaseName: string): ExportTable {
  return {
    sheetName: 'Ghi nhận trong kỳ',
    fileBaseName,
    columns: [
      { header: 'Thời điểm', kind: 'datetime', width: 20 },
      { header: 'Mã', kind: 'text', width: 16 },
      { header: 'Sự kiện', kind: 'text', width: 20 },
      { header: 'Kỳ', kind: 'text', width: 10 },
      { header: 'Người thực hiện', kind: 'text', width: 24 },
      { header: 'Đơn vị', kind: 'text', width: 24 },
      { header: 'Lý do', kind: 'text', width: 30 },
      { header: 'Văn bản', kind: 'text', width: 14 },
      { header: 'Nội dung', kind: 'text', width: 70 },
    ],
    rows: review.content.recorded.entries.map((e) => [e.recordedAt, e.indicatorId, EVENT_TYPE_LABELS[e.type], e.period, e.actor.id, e.actor.unitId, e.reason, e.decisionRef, e.summary]),
  };
}

function missing(review: ReviewView, fileBaseName: string): ExportTable {
  return {
    sheetName: 'Chưa báo cáo',
    fileBaseName,
    columns: [
      { header: 'Đơn vị', kind: 'text', width: 40 },
      { header: 'Mã', kind: 'text', width: 16 },
      { header: 'Loại', kind: 'text', width: 16 },
      { header: 'Tên', kind: 'text', width: 60 },
      { header: 'Mục tiêu chưa báo cáo', kind: 'text', width: 30 },
    ],
    rows: review.content.missingReports.flatMap((unit) =>
      unit.items.map((item) => [unit.unitName ?? unit.unitId, item.indicatorId, KIND_LABELS[item.kind], item.name, item.metrics.join(', ')]),
    ),
  };
}

function approval(review: ReviewView, fileBaseName: string): ExportTable {
  const a = review.approval;
  const rows: CellValue[][] = [
    ['Kỳ sơ kết', review.period],
    ['Số liệu tính đến', review.asOf],
    ['Trạng thái', a ? 'Đã được Ban Thường vụ thông qua' : 'Dự thảo, chưa được Ban Thường vụ thông qua'],
    ['Mã băm nội dung (SHA-256)', review.contentHash],
  ];
  if (a) {
    rows.push(['Văn bản', a.decisionRef], ['Ngày họp', a.meetingDate], ['Thời điểm thông qua', a.approvedAt], ['Vị trí sổ cái', String(a.position)], ['Mã tổng hợp kiểm toán', a.auditDigest]);
    if (a.note) rows.push(['Ghi chú', a.note]);
    const changed = review.changedSinceApproval;
    rows.push(['Thay đổi sau khi thông qua', changed && changed.contentChanged ? `${changed.events.length} sự kiện, ${changed.targets.length} mục tiêu` : 'Không']);
  }
  return { sheetName: 'Phê duyệt', fileBaseName, columns: [{ header: 'Mục', kind: 'text', width: 30 }, { header: 'Nội dung', kind: 'text', width: 80 }], rows };
}
