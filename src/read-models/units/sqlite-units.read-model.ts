/** The `units` read model's queries on SQLite. */
import { unitsProjection, type UnitDocument } from '../../../projections/units';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted } from '../sqlite/document-table';
import { SqlConditions } from '../sqlite/sql-conditions';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { UnitsReadModel } from './units.read-model';

export class SqliteUnitsReadModel extends SqliteQueries<UnitDocument> implements UnitsReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, unitsProjection);
  }

  async list(active?: boolean): Promise<UnitDocument[]> {
    const where = new SqlConditions();
    if (active !== undefined) where.compare('active', '=', active ? 1 : 0);
    return this.documents(`SELECT document FROM ${quoted(this.tableName())}${where.sql} ORDER BY "_id"`, where.params);
  }

  async get(unitId: string): Promise<UnitDocument | null> {
    return this.document(`SELECT document FROM ${quoted(this.tableName())} WHERE "_id" = ?`, [unitId]);
  }
}
