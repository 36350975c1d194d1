/** Query handlers of the indicator read side: they read the read store only. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { INDICATOR_HISTORY_COLLECTION, type IndicatorHistoryEntry } from '../../../projections/indicator-history';
import { INDICATORS_COLLECTION, type IndicatorDocument } from '../../../projections/indicators';
import { UNITS_COLLECTION } from '../../../projections/units';
import type { UnitDocument } from '../../../projections/units/document';
import { READ_STORE } from '../../infrastructure/tokens';
import { DEFAULT_PAGE_SIZE } from '../../http/page-query.dto';
import { findReadOnly, findReadOnlyPage, type DeepReadonly } from '../../read-store/read-only-find';
import type { Filter, ReadCollection, ReadStore } from '../../read-store/read-store.port';
import { NotFoundError } from '../../shared/errors';
import { sharedHistoryEntryView, sharedIndicatorView, toIndicatorView, type HistoryEntryView, type IndicatorView } from './indicator-view';
import type { ListIndicatorsQueryDto } from './list-indicators.query-dto';
import { pageOf, timelineFilter, type Page, type TimelineCriteria, type TimelinePage } from '../../audit/timeline/timeline-filter';

/** Items share the read model's documents (frozen in memory): shape and serialise them, never change them. */
export interface IndicatorList {
  items: Array<DeepReadonly<IndicatorView>>;
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

/** Items share the read model's documents, as in IndicatorList. */
export type IndicatorHistoryPage = TimelinePage<DeepReadonly<HistoryEntryView>>;

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

/** Key indicators first in resolution order, then tasks by section and id. */
const LIST_ORDER = { kind: 1, number: 1, section: 1, _id: 1 } as const;

@QueryHandler(ListIndicatorsQuery)
export class ListIndicatorsHandler implements IQueryHandler<ListIndicatorsQuery, IndicatorList> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ filters }: ListIndicatorsQuery): Promise<IndicatorList> {
    const filter: Filter = {};
    if (filters.group) filter.group = filters.group;
    if (filters.kind) filter.kind = filters.kind;
    if (filters.unit) filter.responsibleUnitId = filters.unit;
    if (filters.status) filter['targets.status'] = filters.status;
    if (filters.responsibleUnitActive !== undefined) {
      const deactivated = await this.deactivatedUnitIds();
      const byActivity = filters.responsibleUnitActive ? { $nin: deactivated } : { $in: deactivated };
      filter.responsibleUnitId = filters.unit ? { $eq: filters.unit, ...byActivity } : byActivity;
    }
    const collection = this.readStore.collection<IndicatorDocument>(INDICATORS_COLLECTION);
    const page = await findReadOnlyPage(collection, filter, LIST_ORDER, filters, DEFAULT_PAGE_SIZE);
    return { items: page.items.map(sharedIndicatorView), total: page.total };
  }

  /** Units are few (the resolution names about thirty): their read model is asked, not joined into each indicator. */
  private async deactivatedUnitIds(): Promise<string[]> {
    const units = await findReadOnly(this.readStore.collection<UnitDocument>(UNITS_COLLECTION), { active: false }, {});
    return units.map((unit) => unit.unitId);
  }
}

@QueryHandler(GetIndicatorQuery)
export class GetIndicatorHandler implements IQueryHandler<GetIndicatorQuery, IndicatorView> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ indicatorId }: GetIndicatorQuery): Promise<IndicatorView> {
    const document = await this.readStore.collection<IndicatorDocument>(INDICATORS_COLLECTION).findOne({ _id: indicatorId });
    if (!document) throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
    return toIndicatorView(document);
  }
}

@QueryHandler(GetIndicatorHistoryQuery)
export class GetIndicatorHistoryHandler implements IQueryHandler<GetIndicatorHistoryQuery, IndicatorHistoryPage> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ indicatorId, criteria, page: requested }: GetIndicatorHistoryQuery): Promise<IndicatorHistoryPage> {
    const collection = this.readStore.collection<IndicatorHistoryEntry>(INDICATOR_HISTORY_COLLECTION);
    const filter = { ...timelineFilter(criteria), indicatorId };
    const page = pageOf(requested, HISTORY_PAGE_DEFAULTS);
    const [entries, total] = await Promise.all([
      findReadOnly(collection, filter, { sort: { revision: page.order === 'asc' ? 1 : -1 }, skip: page.offset, limit: page.limit }),
      collection.countDocuments(filter),
    ]);
    if (total === 0) await assertIndicatorHasHistory(collection, indicatorId);
    return { items: entries.map(sharedHistoryEntryView), total, ...page };
  }
}

/**
 * For a history read whose filters matched nothing: they may simply match nothing of an indicator
 * that exists, but an indicator with no timeline at all does not exist (INDICATOR_NOT_FOUND).
 */
export async function assertIndicatorHasHistory(history: ReadCollection<IndicatorHistoryEntry>, indicatorId: string): Promise<void> {
  if ((await history.countDocuments({ indicatorId })) === 0) {
    throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
  }
}
