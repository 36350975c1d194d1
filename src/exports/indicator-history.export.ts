/**
 * One indicator's audit history as a table: every event (or those the history's filters keep),
 * oldest first unless asked otherwise, with who (and for which
 * unit, by name), when (Vietnam time), the period and metric, the value before and after (a
 * milestone's state before and after, and what the unit says was done), the reason, the decision,
 * the inspection query text, the documents cited and the one-line summary.
 * Built from the `indicator_history` and `units` read models.
 */
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { milestoneStateText, type HistorySnapshot } from '../../projections/indicator-history';
import { timelineBounds, type TimelineCriteria } from '../audit/timeline/timeline-filter';
import type { SortOrder } from '../audit/timeline/timeline-query.dto';
import { assertIndicatorHasHistory } from '../indicators/read/indicator-queries';
import { IndicatorHistoryReadModel } from '../read-models/indicator-history/indicator-history.read-model';
import { UnitsReadModel } from '../read-models/units/units.read-model';
import { formatVietnameseDate } from '../shared/vietnamese-format';
import type { Column, ExportTable } from './table';
import { EVENT_TYPE_LABELS } from './vietnamese-labels';

export const HISTORY_COLUMNS: Column[] = [
  { header: 'Phiên bản', kind: 'number', width: 10 },
  { header: 'Thời điểm ghi nhận', kind: 'datetime', width: 20 },
  { header: 'Loại sự kiện', kind: 'text', width: 20 },
  { header: 'Người thực hiện', kind: 'text', width: 28 },
  { header: 'Đơn vị thực hiện', kind: 'text', width: 32 },
  { header: 'Kỳ báo cáo', kind: 'text', width: 10 },
  { header: 'Chỉ tiêu thành phần', kind: 'text', width: 18 },
  { header: 'Giá trị trước', kind: 'number', width: 14 },
  { header: 'Giá trị sau', kind: 'number', width: 14 },
  { header: 'Lý do', kind: 'text', width: 40 },
  { header: 'Số hiệu văn bản', kind: 'text', width: 16 },
  { header: 'Ghi chú', kind: 'text', width: 30 },
  { header: 'Nội dung yêu cầu, giải trình, kết luận', kind: 'text', width: 40 },
  { header: 'Tài liệu kiểm chứng', kind: 'text', width: 50 },
  { header: 'Diễn giải', kind: 'text', width: 80 },
  // A milestone report's state before and after, and what the unit says was done. Added last so
  // that the columns sheets already refer to keep their places.
  { header: 'Tình hình thực hiện trước', kind: 'text', width: 22 },
  { header: 'Tình hình thực hiện sau', kind: 'text', width: 22 },
  { header: 'Kết quả thực hiện', kind: 'text', width: 50 },
];

export class ExportIndicatorHistoryQuery extends Query<ExportTable> {
  /** The history's own filters (recorded time, type, actor, unit) and order; every entry, oldest first, without them. */
  constructor(
    readonly indicatorId: string,
    readonly criteria: TimelineCriteria = {},
    readonly order: SortOrder = 'asc',
  ) {
    super();
  }
}

@QueryHandler(ExportIndicatorHistoryQuery)
export class ExportIndicatorHistoryHandler implements IQueryHandler<ExportIndicatorHistoryQuery, ExportTable> {
  constructor(
    private readonly history: IndicatorHistoryReadModel,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ indicatorId, criteria, order }: ExportIndicatorHistoryQuery): Promise<ExportTable> {
    const entries = await this.history.all(indicatorId, timelineBounds(criteria), order);
    // Filters that match nothing give the header alone.
    if (entries.length === 0) await assertIndicatorHasHistory(this.history, indicatorId);
    const units = await this.units.list();
    const unitName = new Map(units.map((unit) => [unit.unitId, unit.name ?? unit.unitId]));
    return {
      sheetName: `Lịch sử ${indicatorId}`.slice(0, 31),
      fileBaseName: `lich-su-${indicatorId}`,
      columns: HISTORY_COLUMNS,
      rows: entries.map((entry) => [
        entry.revision,
        entry.recordedAt,
        EVENT_TYPE_LABELS[entry.type] ?? entry.type,
        entry.actor.id,
        entry.actor.unitId ? (unitName.get(entry.actor.unitId) ?? entry.actor.unitId) : null,
        entry.period,
        entry.metric,
        figure(entry.before),
        figure(entry.after),
        entry.reason,
        entry.decisionRef,
        entry.note,
        entry.queryMessage ?? null,
        (entry.evidence ?? []).map((item) => `${item.documentRef} ngày ${formatVietnameseDate(item.issuedOn)}: ${item.title}`).join('\n') || null,
        entry.summary,
        milestone(entry.before)?.text ?? null,
        milestone(entry.after)?.text ?? null,
        milestone(entry.after)?.narrative ?? null,
      ]),
    };
  }
}

/** A milestone report's state as a reader writes it ("Hoàn thành ngày 30/08/2021"), and its narrative. */
function milestone(snapshot: HistorySnapshot | null): { text: string; narrative: string } | null {
  if (!snapshot || !('state' in snapshot) || !('narrative' in snapshot)) return null;
  return { text: milestoneStateText(snapshot.state, snapshot.completedOn), narrative: snapshot.narrative };
}

/** The reported value, when the snapshot is a figure; other before/after shapes are in the summary. */
function figure(snapshot: HistorySnapshot | null): number | null {
  return snapshot && 'value' in snapshot && !('comparator' in snapshot) && typeof snapshot.value === 'number' ? snapshot.value : null;
}
