/** The `indicators` read model's queries on SQLite. */
import { indicatorsProjection, type IndicatorDocument } from '../../../projections/indicators';
import type { ListPage, Paging } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted, sideTableName } from '../sqlite/document-table';
import { SqlConditions } from '../sqlite/sql-conditions';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { IndicatorFilter, IndicatorsReadModel } from './indicators.read-model';

const LIST_ORDER = ' ORDER BY "kind", "number", "section", "_id"';

export class SqliteIndicatorsReadModel extends SqliteQueries<IndicatorDocument> implements IndicatorsReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, indicatorsProjection);
  }

  async list(filter: IndicatorFilter, paging: Paging): Promise<ListPage<IndicatorDocument>> {
    const table = this.tableName();
    const where = new SqlConditions();
    if (filter.group) where.compare('group', '=', filter.group);
    if (filter.kind) where.compare('kind', '=', filter.kind);
    if (filter.responsibleUnitId) where.compare('responsibleUnitId', '=', filter.responsibleUnitId);
    if (filter.responsibleUnitIn) where.among('responsibleUnitId', filter.responsibleUnitIn);
    if (filter.responsibleUnitNotIn) where.among('responsibleUnitId', filter.responsibleUnitNotIn, true);
    if (filter.status) where.has(table, sideTableName(table, 'status'), filter.status);
    const from = ` FROM ${quoted(table)}${where.sql}`;
    return {
      items: this.documents(`SELECT document${from}${LIST_ORDER} LIMIT ? OFFSET ?`, [...where.params, paging.limit, paging.offset]),
      total: this.count(`SELECT count(*) AS total${from}`, where.params),
    };
  }

  async get(indicatorId: string): Promise<IndicatorDocument | null> {
    return this.document(`SELECT document FROM ${quoted(this.tableName())} WHERE "_id" = ?`, [indicatorId]);
  }

  async getMany(indicatorIds: readonly string[]): Promise<IndicatorDocument[]> {
    if (indicatorIds.length === 0) return [];
    const where = new SqlConditions().among('_id', [...new Set(indicatorIds)]);
    return this.documents(`SELECT document FROM ${quoted(this.tableName())}${where.sql}${LIST_ORDER}`, where.params);
  }
}
