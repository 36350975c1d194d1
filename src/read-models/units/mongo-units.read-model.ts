/** The `units` read model's queries on MongoDB. */
import { unitsProjection, type UnitDocument } from '../../../projections/units';
import { MongoQueries } from '../mongo/mongo-queries';
import type { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import type { ReadModelAvailability } from '../read-model-availability';
import type { UnitsReadModel } from './units.read-model';

export class MongoUnitsReadModel extends MongoQueries<UnitDocument> implements UnitsReadModel {
  constructor(store: MongoReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, unitsProjection);
  }

  list(active?: boolean): Promise<UnitDocument[]> {
    return this.reading('list', (collection) => collection.find(active === undefined ? {} : { active }, { sort: { _id: 1 } }).toArray() as Promise<UnitDocument[]>);
  }

  get(unitId: string): Promise<UnitDocument | null> {
    return this.reading('get', (collection) => collection.findOne({ _id: unitId }) as Promise<UnitDocument | null>);
  }
}
