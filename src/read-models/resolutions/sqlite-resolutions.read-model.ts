/** The `resolutions` read model's queries on SQLite. */
import { resolutionsProjection, type ResolutionDocument } from '../../../projections/resolutions';
import type { ReadModelAvailability } from '../read-model-availability';
import { quoted } from '../sqlite/document-table';
import { SqliteQueries } from '../sqlite/sqlite-queries';
import type { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import type { ResolutionsReadModel } from './resolutions.read-model';

export class SqliteResolutionsReadModel extends SqliteQueries<ResolutionDocument> implements ResolutionsReadModel {
  constructor(store: SqliteReadModelStore, availability: ReadModelAvailability) {
    super(store, availability, resolutionsProjection);
  }

  async list(): Promise<ResolutionDocument[]> {
    return this.documents(`SELECT document FROM ${quoted(this.tableName())} ORDER BY "year" DESC, "_id"`, []);
  }

  async get(resolutionId: string): Promise<ResolutionDocument | null> {
    return this.document(`SELECT document FROM ${quoted(this.tableName())} WHERE "_id" = ?`, [resolutionId]);
  }
}
