/** The questions the API asks of the `units` read model. */
import type { UnitDocument } from '../../../projections/units';

export abstract class UnitsReadModel {
  /** Every unit (or only the active or only the deactivated ones), by id. */
  abstract list(active?: boolean): Promise<UnitDocument[]>;
  abstract get(unitId: string): Promise<UnitDocument | null>;
}
