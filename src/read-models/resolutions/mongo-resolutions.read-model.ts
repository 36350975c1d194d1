/** The `resolutions` read model's queries on MongoDB. */
import { resolutionsProjection, type ResolutionDocument } from '../../../projections/resolutions';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import type { ReadModelAvailability } from '../read-model-availability';
import type { ResolutionsReadModel } from './resolutions.read-model';

export class MongoResolutionsReadModel extends MongoQueries<ResolutionDocument> implements ResolutionsReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, resolutionsProjection);
  }

  list(): Promise<ResolutionDocument[]> {
    return this.reading('list', (collection) => collection.find({}, { sort: { year: -1, _id: 1 } }).toArray() as Promise<ResolutionDocument[]>);
  }

  get(resolutionId: string): Promise<ResolutionDocument | null> {
    return this.reading('get', (collection) => collection.findOne({ _id: resolutionId }) as Promise<ResolutionDocument | null>);
  }
}
