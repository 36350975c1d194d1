/** The `indicator_history` read model's queries on SQLite: every one is answered by the (indicator, revision) index. */
import { indicatorHistoryProjection, type IndicatorHistoryEntry } from '../../../projections/indicator-history';
import type { Page, TimelineBounds } from '../../audit/timeline/timeline-filter';
import type { SortOrder } from '../../audit/timeline/timeline-query.dto';
import type { ListPage } from '../paging';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted } from '../sqlite/document-table';
import { SqlConditions } from '../sqlite/sql-conditions';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { timelineConditions } from '../sqlite/timeline-conditions';
import type { IndicatorHistoryReadModel } from './indicator-history.read-model';

export class SqliteIndicatorHistoryReadModel extends SqliteQueries<IndicatorHistoryEntry> implements IndicatorHistoryReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, indicatorHistoryProjection);
  }

  async page(indicatorId: string, bounds: TimelineBounds, page: Page): Promise<ListPage<IndicatorHistoryEntry>> {
    const from = this.from(indicatorId, bounds);
    return {
      items: this.documents(`SELECT document${from.sql} ORDER BY "revision" ${direction(page.order)} LIMIT ? OFFSET ?`, [...from.params, page.limit, page.offset]),
      total: this.count(`SELECT count(*) AS total${from.sql}`, from.params),
    };
  }

  async all(indicatorId: string, bounds: TimelineBounds, order: SortOrder): Promise<IndicatorHistoryEntry[]> {
    const from = this.from(indicatorId, bounds);
    return this.documents(`SELECT document${from.sql} ORDER BY "revision" ${direction(order)}`, from.params);
  }

  async exists(indicatorId: string): Promise<boolean> {
    return this.count(`SELECT count(*) AS total FROM (SELECT 1 FROM ${quoted(this.tableName())} WHERE "indicatorId" = ? LIMIT 1)`, [indicatorId]) > 0;
  }

  private from(indicatorId: string, bounds: TimelineBounds): { sql: string; params: unknown[] } {
    const where = timelineConditions(bounds, new SqlConditions().compare('indicatorId', '=', indicatorId));
    return { sql: ` FROM ${quoted(this.tableName())}${where.sql}`, params: where.params };
  }
}

function direction(order: SortOrder): string {
  return order === 'desc' ? 'DESC' : 'ASC';
}
