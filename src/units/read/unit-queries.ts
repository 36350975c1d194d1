/** Units and what they answer for, from the read store only. */
import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { IndicatorDocument } from '../../../projections/indicators';
import type { UnitDocument } from '../../../projections/units';
import { IndicatorsReadModel } from '../../read-models/indicators/indicators.read-model';
import { UnitsReadModel } from '../../read-models/units/units.read-model';
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

/** Attaches to each unit the indicators it is responsible for, named, in one read. */
@Injectable()
export class UnitViews {
  constructor(private readonly indicators: IndicatorsReadModel) {}

  async of(units: UnitDocument[]): Promise<UnitView[]> {
    const indicators = await this.indicators.getMany(units.flatMap((u) => u.responsibleFor));
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
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(
    private readonly units: UnitsReadModel,
    private readonly views: UnitViews,
  ) {}

  async execute({ active }: ListUnitsQuery): Promise<{ items: UnitView[]; total: number }> {
    const units = await this.units.list(active);
    return { items: await this.views.of(units), total: units.length };
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(
    private readonly units: UnitsReadModel,
    private readonly views: UnitViews,
  ) {}

  async execute({ unitId }: GetUnitQuery): Promise<UnitView> {
    const unit = await this.units.get(unitId);
    if (!unit) throw new NotFoundError('UNIT_NOT_FOUND', `Unit ${unitId} does not exist`, { unitId });
    const [view] = await this.views.of([unit]);
    return view;
  }
}
