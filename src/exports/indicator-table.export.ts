/**
 * The year's indicator table (bảng tổng hợp chỉ tiêu): one row per target, with the goal, the latest
 * figure (a milestone's latest state and completion day), its status and the responsible unit by name. Built from the `indicators` list query (same
 * filters and order as GET /indicators) and the `units` read model.
 */
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { formatGoal } from '../../projections/indicator-history';
import { MILESTONE_STATE_LABELS } from '../domain/indicator/reading';
import { ListIndicatorsQuery, type IndicatorList } from '../indicators/read/indicator-queries';
import type { ListIndicatorsQueryDto } from '../indicators/read/list-indicators.query-dto';
import { UnitsReadModel } from '../read-models/units/units.read-model';
import type { Column, ExportTable } from './table';
import { KIND_LABELS, STATUS_LABELS, groupLabel } from './vietnamese-labels';

export type IndicatorTableFilters = Pick<ListIndicatorsQueryDto, 'group' | 'kind' | 'unit' | 'status' | 'responsibleUnitActive'>;

export const INDICATOR_TABLE_COLUMNS: Column[] = [
  { header: 'Mã', kind: 'text', width: 12 },
  { header: 'Số thứ tự chỉ tiêu', kind: 'number', width: 10 },
  { header: 'Loại', kind: 'text', width: 16 },
  { header: 'Nhóm', kind: 'text', width: 24 },
  { header: 'Mục', kind: 'text', width: 8 },
  { header: 'Tên chỉ tiêu, nhiệm vụ', kind: 'text', width: 50 },
  { header: 'Nội dung mục tiêu', kind: 'text', width: 50 },
  { header: 'Mục tiêu', kind: 'text', width: 18 },
  { header: 'Giá trị mục tiêu', kind: 'number', width: 14 },
  { header: 'Đơn vị tính', kind: 'text', width: 14 },
  { header: 'Hạn hoàn thành', kind: 'date', width: 14 },
  { header: 'Số liệu mới nhất', kind: 'number', width: 14 },
  { header: 'Kỳ báo cáo', kind: 'text', width: 10 },
  { header: 'Tình trạng', kind: 'text', width: 20 },
  { header: 'Đơn vị chủ trì', kind: 'text', width: 36 },
  { header: 'Mã đơn vị chủ trì', kind: 'text', width: 28 },
  { header: 'Yêu cầu giải trình chưa kết thúc', kind: 'number', width: 14 },
  { header: 'Cập nhật lúc', kind: 'datetime', width: 20 },
  // A milestone's latest state and completion day. Added last so that the columns sheets already
  // refer to keep their places.
  { header: 'Tình hình thực hiện', kind: 'text', width: 18 },
  { header: 'Ngày hoàn thành', kind: 'date', width: 14 },
];

/** GET /indicators pages at most this many; the export walks every page. */
const PAGE = 500;

export class ExportIndicatorTableQuery extends Query<ExportTable> {
  constructor(readonly filters: IndicatorTableFilters) {
    super();
  }
}

@QueryHandler(ExportIndicatorTableQuery)
export class ExportIndicatorTableHandler implements IQueryHandler<ExportIndicatorTableQuery, ExportTable> {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ filters }: ExportIndicatorTableQuery): Promise<ExportTable> {
    const indicators: IndicatorList['items'] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page: IndicatorList = await this.queryBus.execute(new ListIndicatorsQuery({ ...filters, limit: PAGE, offset }));
      indicators.push(...page.items);
      if (page.items.length < PAGE || indicators.length >= page.total) break;
    }
    const unitNames = await this.unitNames();
    const year = indicators[0]?.year;
    return {
      sheetName: year ? `Chỉ tiêu năm ${year}` : 'Chỉ tiêu',
      fileBaseName: year ? `chi-tieu-${year}` : 'chi-tieu',
      columns: INDICATOR_TABLE_COLUMNS,
      rows: indicators.flatMap((indicator) =>
        indicator.targets.map((target) => [
          indicator.id,
          indicator.number,
          KIND_LABELS[indicator.kind],
          groupLabel(indicator.group),
          indicator.section,
          indicator.name,
          target.label,
          formatGoal(target),
          target.comparator === 'between' ? null : target.value,
          target.unit,
          target.dueDate,
          target.latestValue,
          target.latestPeriod,
          STATUS_LABELS[target.status],
          unitNames.get(indicator.responsibleUnitId) ?? indicator.responsibleUnitId,
          indicator.responsibleUnitId,
          indicator.openQueryCount,
          indicator.updatedAt,
          target.latestState ? MILESTONE_STATE_LABELS[target.latestState] : null,
          target.latestCompletedOn,
        ]),
      ),
    };
  }

  private async unitNames(): Promise<Map<string, string>> {
    const units = await this.units.list();
    return new Map(units.filter((unit) => unit.name !== null).map((unit) => [unit.unitId, unit.name as string]));
  }
}
