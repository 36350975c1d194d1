/** Units and what they answer for, from the read store only. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { INDICATORS_COLLECTION, type IndicatorDocument } from '../../../projections/indicators';
import { UNITS_COLLECTION, type UnitDocument } from '../../../projections/units';
import { READ_STORE } from '../../infrastructure/tokens';
import type { ReadStore } from '../../read-store/read-store.port';
import { NotFoundError } from '../../shared/errors';

export interface ResponsibilityView {
  id: string;
  kind: string;
  number: number | null;
  name: string;
  worstStatus: string;
}

export type UnitView = Omit<UnitDocument, '_id' | 'lastPosition' | 'responsibleFor' | 'unitId'> & {
  id: string;
  responsibleFor: ResponsibilityView[];
};

export class ListUnitsQuery extends Query<{ items: UnitView[]; total: number }> {
  /** `active`: only the active units (true), only the deactivated ones (false), or every unit. */
  constructor(readonly active?: boolean) {
    super();
  }
}

export class GetUnitQuery extends Query<UnitView> {
  constructor(readonly unitId: string) {
    super();
  }
}

abstract class UnitReader {
  constructor(protected readonly readStore: ReadStore) {}

  /** Attaches to each unit the indicators it is responsible for, named, in one read. */
  protected async withResponsibilities(units: UnitDocument[]): Promise<UnitView[]> {
    const ids = [...new Set(units.flatMap((u) => u.responsibleFor))];
    const indicators = ids.length
      ? await this.readStore.collection<IndicatorDocument>(INDICATORS_COLLECTION).find({ _id: { $in: ids } }, { sort: { kind: 1, number: 1, _id: 1 } })
      : [];
    const byId = new Map(indicators.map((i) => [i._id, i]));
    return units.map(({ _id, lastPosition, unitId, responsibleFor, ...unit }) => ({
      id: unitId,
      ...unit,
      responsibleFor: responsibleFor
        .map((id) => byId.get(id))
        .filter((i): i is IndicatorDocument => i !== undefined)
        .map((i) => ({ id: i.id, kind: i.kind, number: i.number, name: i.name, worstStatus: i.worstStatus })),
    }));
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler extends UnitReader implements IQueryHandler<ListUnitsQuery> {
  constructor(@Inject(READ_STORE) readStore: ReadStore) {
    super(readStore);
  }

  async execute({ active }: ListUnitsQuery): Promise<{ items: UnitView[]; total: number }> {
    const units = await this.readStore.collection<UnitDocument>(UNITS_COLLECTION).find(active === undefined ? {} : { active }, { sort: { _id: 1 } });
    return { items: await this.withResponsibilities(units), total: units.length };
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler extends UnitReader implements IQueryHandler<GetUnitQuery> {
  constructor(@Inject(READ_STORE) readStore: ReadStore) {
    super(readStore);
  }

  async execute({ unitId }: GetUnitQuery): Promise<UnitView> {
    const unit = await this.readStore.collection<UnitDocument>(UNITS_COLLECTION).findOne({ _id: unitId });
    if (!unit) throw new NotFoundError('UNIT_NOT_FOUND', `Unit ${unitId} does not exist`, { unitId });
    const [view] = await this.withResponsibilities([unit]);
    return view;
  }
}
