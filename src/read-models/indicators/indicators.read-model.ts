/** The questions the API asks of the `indicators` read model. */
import type { IndicatorDocument } from '../../../projections/indicators';
import type { ListPage, Paging } from '../paging';

export interface IndicatorFilter {
  group?: string;
  kind?: string;
  /** Any target in this status. */
  status?: string;
  responsibleUnitId?: string;
  /** Only indicators whose responsible unit is among these. */
  responsibleUnitIn?: readonly string[];
  /** Only indicators whose responsible unit is none of these. */
  responsibleUnitNotIn?: readonly string[];
}

/** Key indicators first in resolution order, then tasks by section and id: the order of every list. */
export abstract class IndicatorsReadModel {
  abstract list(filter: IndicatorFilter, paging: Paging): Promise<ListPage<IndicatorDocument>>;
  abstract get(indicatorId: string): Promise<IndicatorDocument | null>;
  /** The indicators with these ids that exist, in list order. */
  abstract getMany(indicatorIds: readonly string[]): Promise<IndicatorDocument[]>;
}
