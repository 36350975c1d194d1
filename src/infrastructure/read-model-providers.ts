/**
 * The query interface of each read model, bound to the implementation for the configured store.
 * Handlers inject the abstract class (`IndicatorsReadModel`, …) and never see the store.
 */
import type { Provider } from '@nestjs/common';
import { AuditLogReadModel } from '../read-models/audit-log/audit-log.read-model';
import { MongoAuditLogReadModel } from '../read-models/audit-log/mongo-audit-log.read-model';
import { SqliteAuditLogReadModel } from '../read-models/audit-log/sqlite-audit-log.read-model';
import { IndicatorHistoryReadModel } from '../read-models/indicator-history/indicator-history.read-model';
import { MongoIndicatorHistoryReadModel } from '../read-models/indicator-history/mongo-indicator-history.read-model';
import { SqliteIndicatorHistoryReadModel } from '../read-models/indicator-history/sqlite-indicator-history.read-model';
import { IndicatorsReadModel } from '../read-models/indicators/indicators.read-model';
import { MongoIndicatorsReadModel } from '../read-models/indicators/mongo-indicators.read-model';
import { SqliteIndicatorsReadModel } from '../read-models/indicators/sqlite-indicators.read-model';
import type { MongoReadModelStore } from '../read-models/mongo/mongo-read-model-store';
import { MongoProgressReportsReadModel } from '../read-models/progress-reports/mongo-progress-reports.read-model';
import { ProgressReportsReadModel } from '../read-models/progress-reports/progress-reports.read-model';
import { SqliteProgressReportsReadModel } from '../read-models/progress-reports/sqlite-progress-reports.read-model';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import { MongoReportQueriesReadModel } from '../read-models/report-queries/mongo-report-queries.read-model';
import { ReportQueriesReadModel } from '../read-models/report-queries/report-queries.read-model';
import { SqliteReportQueriesReadModel } from '../read-models/report-queries/sqlite-report-queries.read-model';
import { MongoResolutionsReadModel } from '../read-models/resolutions/mongo-resolutions.read-model';
import { ResolutionsReadModel } from '../read-models/resolutions/resolutions.read-model';
import { SqliteResolutionsReadModel } from '../read-models/resolutions/sqlite-resolutions.read-model';
import type { SqliteReadModelStore } from '../read-models/sqlite/sqlite-read-model-store';
import { MongoUnitsReadModel } from '../read-models/units/mongo-units.read-model';
import { SqliteUnitsReadModel } from '../read-models/units/sqlite-units.read-model';
import { UnitsReadModel } from '../read-models/units/units.read-model';
import { READ_MODEL_STORE } from './tokens';

type Implementation<T> = new (store: never, availability: ReadModelAvailability) => T;

/** Each query interface with its SQLite and its MongoDB implementation. */
const READ_MODELS: ReadonlyArray<[abstract new () => unknown, Implementation<unknown>, Implementation<unknown>]> = [
  [IndicatorsReadModel, SqliteIndicatorsReadModel, MongoIndicatorsReadModel],
  [IndicatorHistoryReadModel, SqliteIndicatorHistoryReadModel, MongoIndicatorHistoryReadModel],
  [AuditLogReadModel, SqliteAuditLogReadModel, MongoAuditLogReadModel],
  [UnitsReadModel, SqliteUnitsReadModel, MongoUnitsReadModel],
  [ProgressReportsReadModel, SqliteProgressReportsReadModel, MongoProgressReportsReadModel],
  [ReportQueriesReadModel, SqliteReportQueriesReadModel, MongoReportQueriesReadModel],
  [ResolutionsReadModel, SqliteResolutionsReadModel, MongoResolutionsReadModel],
];

export function readModelProviders(): Provider[] {
  return READ_MODELS.map(([token]) => ({
    provide: token,
    useFactory: (store: ReadModelStore, availability: ReadModelAvailability) => readModelOn(token, store, availability),
    inject: [READ_MODEL_STORE, ReadModelAvailability],
  }));
}

/** A read model's query interface on the given store, outside Nest too (the CLI, tests). */
export function readModelOn<T>(token: abstract new () => T, store: ReadModelStore, availability: ReadModelAvailability): T {
  const entry = READ_MODELS.find(([candidate]) => candidate === token);
  if (!entry) throw new Error('Not a read model query interface');
  const [, onSqlite, onMongo] = entry;
  return (store.kind === 'sqlite' ? new onSqlite(store as SqliteReadModelStore as never, availability) : new onMongo(store as MongoReadModelStore as never, availability)) as T;
}
