/**
 * Which generation every query interface reads, on every store: only the serving one, and only when
 * it is laid out for this code's queries (else the read model is being rebuilt: a 503); nothing at
 * all while the ledger is behind the read models.
 */
import { auditLogProjection } from '../../../projections/audit-log';
import { indicatorHistoryProjection } from '../../../projections/indicator-history';
import { indicatorsProjection } from '../../../projections/indicators';
import { progressReportsProjection } from '../../../projections/progress-reports';
import type { AnyProjection } from '../../../projections/projection';
import { reportQueriesProjection } from '../../../projections/report-queries';
import { resolutionsProjection } from '../../../projections/resolutions';
import { unitsProjection } from '../../../projections/units';
import { readModelOn } from '../../../src/infrastructure/read-model-providers';
import { AuditLogReadModel } from '../../../src/read-models/audit-log/audit-log.read-model';
import { IndicatorHistoryReadModel } from '../../../src/read-models/indicator-history/indicator-history.read-model';
import { IndicatorsReadModel } from '../../../src/read-models/indicators/indicators.read-model';
import { ProgressReportsReadModel } from '../../../src/read-models/progress-reports/progress-reports.read-model';
import { ReadModelRebuildingError, ReadModelsAheadOfLedgerError } from '../../../src/read-models/read-model.errors';
import { ReadModelAvailability } from '../../../src/read-models/read-model-availability';
import { ReportQueriesReadModel } from '../../../src/read-models/report-queries/report-queries.read-model';
import { ResolutionsReadModel } from '../../../src/read-models/resolutions/resolutions.read-model';
import { UnitsReadModel } from '../../../src/read-models/units/units.read-model';
import type { OpenedStore, StoreTarget } from '../read-model-store-targets';
import { documentsOf, LEDGER_HEAD } from './contract-ledger';
import { NO_BOUNDS } from './reference';

interface Case {
  projection: AnyProjection;
  /** One question to the read model through its query interface on a store; resolves to how many documents answered. */
  ask(store: OpenedStore['store'], availability: ReadModelAvailability): Promise<number>;
}

const PAGE = { limit: 5, offset: 0 };

const CASES: Case[] = [
  { projection: indicatorsProjection, ask: async (s, a) => (await readModelOn(IndicatorsReadModel, s, a).list({}, PAGE)).total },
  { projection: indicatorHistoryProjection, ask: async (s, a) => (await readModelOn(IndicatorHistoryReadModel, s, a).page('ind-01', NO_BOUNDS, { ...PAGE, order: 'asc' })).total },
  { projection: auditLogProjection, ask: async (s, a) => (await readModelOn(AuditLogReadModel, s, a).page(NO_BOUNDS, { ...PAGE, order: 'desc' })).total },
  { projection: unitsProjection, ask: async (s, a) => (await readModelOn(UnitsReadModel, s, a).list()).length },
  { projection: progressReportsProjection, ask: async (s, a) => (await readModelOn(ProgressReportsReadModel, s, a).list({}, PAGE)).total },
  { projection: reportQueriesProjection, ask: async (s, a) => (await readModelOn(ReportQueriesReadModel, s, a).list({}, PAGE)).total },
  { projection: resolutionsProjection, ask: async (s, a) => (await readModelOn(ResolutionsReadModel, s, a).list()).length },
];

/** The same read model as another version of the code laid it out: one field more. */
function otherLayout(projection: AnyProjection): AnyProjection {
  return { ...projection, version: projection.version + 1, fields: { ...projection.fields, addedLater: { path: 'addedLater', type: 'text' } } };
}

export function describeServingContract(target: StoreTarget): void {
  describe(`read-model queries on ${target.name}: the generation they read`, () => {
    let opened: OpenedStore;
    beforeAll(async () => {
      opened = await target.open('serving');
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    it.each(CASES.map((c) => [c.projection.name, c]))('%s: the serving generation of this layout, nothing while the ledger is behind', async (name, { projection, ask }) => {
      const { store } = opened;
      const availability = new ReadModelAvailability();
      const rebuilding = expect.objectContaining({ constructor: ReadModelRebuildingError, readModel: name, code: 'READ_MODEL_REBUILDING' });

      await expect(ask(store, availability)).rejects.toEqual(rebuilding);
      // A generation being built does not serve.
      const building = await store.createGeneration(projection, 'building');
      await expect(ask(store, availability)).rejects.toEqual(rebuilding);
      // Nor does one laid out for other queries, even serving.
      await store.createGeneration(otherLayout(projection), 'serving');
      await expect(ask(store, availability)).rejects.toEqual(rebuilding);

      const documents = documentsOf(projection);
      const indexed = await store.createIndexes(projection, building);
      await store.commit([{ projection, generation: indexed, documents, position: LEDGER_HEAD }]);
      await store.activate(indexed);
      expect(await ask(store, availability)).toBeGreaterThan(0);

      const fault = new ReadModelsAheadOfLedgerError(LEDGER_HEAD, LEDGER_HEAD - 10, [name]);
      availability.halt(fault);
      await expect(ask(store, availability)).rejects.toBe(fault);
      availability.resume();
      expect(await ask(store, availability)).toBeGreaterThan(0);
    });
  });
}
