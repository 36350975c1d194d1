/** The `indicators` read model's queries on MongoDB. */
import type { Filter } from 'mongodb';
import { indicatorsProjection, type IndicatorDocument } from '../../../projections/indicators';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import type { ListPage, Paging } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import type { IndicatorFilter, IndicatorsReadModel } from './indicators.read-model';

const LIST_ORDER = { kind: 1, number: 1, section: 1, _id: 1 } as const;

export class MongoIndicatorsReadModel extends MongoQueries<IndicatorDocument> implements IndicatorsReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, indicatorsProjection);
  }

  list(filter: IndicatorFilter, paging: Paging): Promise<ListPage<IndicatorDocument>> {
    const query: Record<string, unknown> = {};
    if (filter.group) query.group = filter.group;
    if (filter.kind) query.kind = filter.kind;
    if (filter.status) query['targets.status'] = filter.status;
    const unit: Record<string, unknown> = {};
    if (filter.responsibleUnitId) unit.$eq = filter.responsibleUnitId;
    if (filter.responsibleUnitIn) unit.$in = [...filter.responsibleUnitIn];
    if (filter.responsibleUnitNotIn) unit.$nin = [...filter.responsibleUnitNotIn];
    if (Object.keys(unit).length > 0) query.responsibleUnitId = unit;
    return this.findPage(query as Filter<IndicatorDocument>, LIST_ORDER, paging.limit, paging.offset);
  }

  get(indicatorId: string): Promise<IndicatorDocument | null> {
    return this.reading('get', (collection) => collection.findOne({ _id: indicatorId }) as Promise<IndicatorDocument | null>);
  }

  getMany(indicatorIds: readonly string[]): Promise<IndicatorDocument[]> {
    if (indicatorIds.length === 0) return Promise.resolve([]);
    return this.reading('getMany', (collection) => collection.find({ _id: { $in: [...indicatorIds] } }, { sort: LIST_ORDER }).toArray() as Promise<IndicatorDocument[]>);
  }
}
