/** Query handlers of the indicator read side: they read the read store only. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { INDICATOR_HISTORY_COLLECTION, type IndicatorHistoryEntry } from '../../../projections/indicator-history';
import { INDICATORS_COLLECTION, type IndicatorDocument } from '../../../projections/indicators';
import { READ_STORE } from '../../infrastructure/tokens';
import type { Filter, ReadStore } from '../../read-store/read-store.port';
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

export class GetIndicatorHistoryQuery extends Query<{ items: HistoryEntryView[] }> {
  constructor(readonly indicatorId: string) {
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
    const collection = this.readStore.collection<IndicatorDocument>(INDICATORS_COLLECTION);
    const [documents, total] = await Promise.all([
      collection.find(filter, { sort: LIST_ORDER, skip: filters.offset ?? 0, limit: filters.limit ?? 100 }),
      collection.countDocuments(filter),
    ]);
    return { items: documents.map(toIndicatorView), total };
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
export class GetIndicatorHistoryHandler implements IQueryHandler<GetIndicatorHistoryQuery, { items: HistoryEntryView[] }> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ indicatorId }: GetIndicatorHistoryQuery): Promise<{ items: HistoryEntryView[] }> {
    const entries = await this.readStore
      .collection<IndicatorHistoryEntry>(INDICATOR_HISTORY_COLLECTION)
      .find({ indicatorId }, { sort: { revision: 1 } });
    if (entries.length === 0) {
      throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
    }
    return { items: entries.map(toHistoryEntryView) };
  }
}
