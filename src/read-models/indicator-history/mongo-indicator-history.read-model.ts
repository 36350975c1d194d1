/** The `indicator_history` read model's queries on MongoDB. */
import type { Filter } from 'mongodb';
import { indicatorHistoryProjection, type IndicatorHistoryEntry } from '../../../projections/indicator-history';
import type { Page, TimelineBounds } from '../../audit/timeline/timeline-filter';
import type { SortOrder } from '../../audit/timeline/timeline-query.dto';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import { timelineFilter } from '../mongo/timeline-filter';
import type { ListPage } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import type { IndicatorHistoryReadModel } from './indicator-history.read-model';

export class MongoIndicatorHistoryReadModel extends MongoQueries<IndicatorHistoryEntry> implements IndicatorHistoryReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, indicatorHistoryProjection);
  }

  page(indicatorId: string, bounds: TimelineBounds, page: Page): Promise<ListPage<IndicatorHistoryEntry>> {
    return this.findPage(filterOf(indicatorId, bounds), { revision: page.order === 'desc' ? -1 : 1 }, page.limit, page.offset);
  }

  all(indicatorId: string, bounds: TimelineBounds, order: SortOrder): Promise<IndicatorHistoryEntry[]> {
    return this.reading('all', (collection) => collection.find(filterOf(indicatorId, bounds), { sort: { revision: order === 'desc' ? -1 : 1 } }).toArray() as Promise<IndicatorHistoryEntry[]>);
  }

  exists(indicatorId: string): Promise<boolean> {
    return this.reading('exists', async (collection) => (await collection.countDocuments({ indicatorId }, { limit: 1 })) > 0);
  }
}

function filterOf(indicatorId: string, bounds: TimelineBounds): Filter<IndicatorHistoryEntry> {
  return { ...timelineFilter(bounds), indicatorId } as Filter<IndicatorHistoryEntry>;
}
