/** Query handlers of the indicator read side: they read the read models only. */
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pageOf, timelineBounds, type Page, type TimelineCriteria, type TimelinePage } from '../../audit/timeline/timeline-filter';
import { DEFAULT_PAGE_SIZE } from '../../http/page-query.dto';
import { IndicatorHistoryReadModel } from '../../read-models/indicator-history/indicator-history.read-model';
import { IndicatorsReadModel, type IndicatorFilter } from '../../read-models/indicators/indicators.read-model';
import { UnitsReadModel } from '../../read-models/units/units.read-model';
import { NotFoundError } from '../../shared/errors';
import { toHistoryEntryView, toIndicatorView, type HistoryEntryView, type IndicatorView } from './indicator-view';
import type { ListIndicatorsQueryDto } from './list-indicators.query-dto';

export interface IndicatorList {
  items: IndicatorView[];
  total: number;
}

export class ListIndicatorsQuery extends Query<IndicatorList> {
  constructor(readonly filters: Omit<ListIndicatorsQueryDto, 'minPosition'>) {
    super();
  }
}

export class GetIndicatorQuery extends Query<IndicatorView> {
  constructor(readonly indicatorId: string) {
    super();
  }
}

export type IndicatorHistoryPage = TimelinePage<HistoryEntryView>;

/** Oldest first, as the timeline has always read; a page is large enough for a whole year of one indicator. */
export const HISTORY_PAGE_DEFAULTS: Page = { limit: 200, offset: 0, order: 'asc' };

export class GetIndicatorHistoryQuery extends Query<IndicatorHistoryPage> {
  constructor(
    readonly indicatorId: string,
    readonly criteria: TimelineCriteria = {},
    readonly page: Partial<Page> = {},
  ) {
    super();
  }
}

@QueryHandler(ListIndicatorsQuery)
export class ListIndicatorsHandler implements IQueryHandler<ListIndicatorsQuery, IndicatorList> {
  constructor(
    private readonly indicators: IndicatorsReadModel,
    private readonly units: UnitsReadModel,
  ) {}

  async execute({ filters }: ListIndicatorsQuery): Promise<IndicatorList> {
    const filter: IndicatorFilter = { group: filters.group, kind: filters.kind, status: filters.status, responsibleUnitId: filters.unit };
    if (filters.responsibleUnitActive !== undefined) {
      // Units are few (the resolution names about thirty): their read model is asked, not joined into each indicator.
      const deactivated = (await this.units.list(false)).map((unit) => unit.unitId);
      if (filters.responsibleUnitActive) filter.responsibleUnitNotIn = deactivated;
      else filter.responsibleUnitIn = deactivated;
    }
    const page = await this.indicators.list(filter, { limit: filters.limit ?? DEFAULT_PAGE_SIZE, offset: filters.offset ?? 0 });
    return { items: page.items.map(toIndicatorView), total: page.total };
  }
}

@QueryHandler(GetIndicatorQuery)
export class GetIndicatorHandler implements IQueryHandler<GetIndicatorQuery, IndicatorView> {
  constructor(private readonly indicators: IndicatorsReadModel) {}

  async execute({ indicatorId }: GetIndicatorQuery): Promise<IndicatorView> {
    const document = await this.indicators.get(indicatorId);
    if (!document) throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
    return toIndicatorView(document);
  }
}

@QueryHandler(GetIndicatorHistoryQuery)
export class GetIndicatorHistoryHandler implements IQueryHandler<GetIndicatorHistoryQuery, IndicatorHistoryPage> {
  constructor(private readonly history: IndicatorHistoryReadModel) {}

  async execute({ indicatorId, criteria, page: requested }: GetIndicatorHistoryQuery): Promise<IndicatorHistoryPage> {
    const page = pageOf(requested, HISTORY_PAGE_DEFAULTS);
    const found = await this.history.page(indicatorId, timelineBounds(criteria), page);
    if (found.total === 0) await assertIndicatorHasHistory(this.history, indicatorId);
    return { items: found.items.map(toHistoryEntryView), total: found.total, ...page };
  }
}

/**
 * For a history read whose filters matched nothing: they may simply match nothing of an indicator
 * that exists, but an indicator with no timeline at all does not exist (INDICATOR_NOT_FOUND).
 */
export async function assertIndicatorHasHistory(history: IndicatorHistoryReadModel, indicatorId: string): Promise<void> {
  if (!(await history.exists(indicatorId))) {
    throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
  }
}
