/**
 * What each MongoDB query interface sends for a question, against a recording stand-in for the
 * driver: the filter over the declared paths, the sort that gives the documented order, skip and
 * limit, on the serving generation's collection. Whether MongoDB then answers as SQLite does is the
 * query contract suites' job (test/contract/read-models/mongo-read-models.spec.ts, with a server).
 */
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { ALL_PROJECTIONS } from '../../../projections';
import { readModelOn } from '../../../src/infrastructure/read-model-providers';
import { AuditLogReadModel } from '../../../src/read-models/audit-log/audit-log.read-model';
import { IndicatorHistoryReadModel } from '../../../src/read-models/indicator-history/indicator-history.read-model';
import { IndicatorsReadModel } from '../../../src/read-models/indicators/indicators.read-model';
import { GENERATIONS_COLLECTION, MongoReadModelStore } from '../../../src/read-models/mongo/mongo-read-model-store';
import { ProgressReportsReadModel } from '../../../src/read-models/progress-reports/progress-reports.read-model';
import { ReadModelAvailability } from '../../../src/read-models/read-model-availability';
import { layoutOf } from '../../../src/read-models/read-model-store.port';
import { ReportQueriesReadModel } from '../../../src/read-models/report-queries/report-queries.read-model';
import { ResolutionsReadModel } from '../../../src/read-models/resolutions/resolutions.read-model';
import { UnitsReadModel } from '../../../src/read-models/units/units.read-model';
import { StoreUnavailableError } from '../../../src/shared/errors';
import { recordingMongoDriver, type RecordingMongoDriver } from '../../support/recording-mongo-driver';
import { bounds, NO_BOUNDS } from '../../contract/read-models/reference';

describe('MongoDB query interfaces against a recording driver', () => {
  let driver: RecordingMongoDriver;
  let store: MongoReadModelStore;
  const on = <T>(token: abstract new () => T): T => readModelOn(token, store, new ReadModelAvailability());
  const sent = (collection: string) => driver.callsTo(collection);

  beforeEach(() => {
    driver = recordingMongoDriver();
    // Every read model serves its generation 4.
    driver.found[GENERATIONS_COLLECTION] = ALL_PROJECTIONS.map((projection) => ({
      _id: `${projection.name}:4`,
      readModel: projection.name,
      generation: 4,
      version: projection.version,
      state: 'serving',
      layout: layoutOf(projection),
      position: 100,
      indexed: true,
    }));
    store = new MongoReadModelStore(driver.client as never, 'resolution_ledger');
  });

  it('lists indicators with every filter on its path, in list order, paged', async () => {
    await on(IndicatorsReadModel).list(
      { group: 'economy', kind: 'indicator', status: 'at_risk', responsibleUnitId: 'phong-kinh-te', responsibleUnitIn: ['phong-kinh-te', 'phong-y-te'], responsibleUnitNotIn: ['ubnd'] },
      { limit: 20, offset: 40 },
    );
    const filter = { group: 'economy', kind: 'indicator', 'targets.status': 'at_risk', responsibleUnitId: { $eq: 'phong-kinh-te', $in: ['phong-kinh-te', 'phong-y-te'], $nin: ['ubnd'] } };
    expect(sent('indicators_g4')).toEqual([
      ['find', [filter, { sort: { kind: 1, number: 1, section: 1, _id: 1 }, skip: 40, limit: 20 }]],
      ['countDocuments', [filter]],
    ]);
    expect(Object.keys((driver.calls.find((c) => c.method === 'find' && c.target === 'indicators_g4')!.args[1] as { sort: object }).sort)).toEqual(['kind', 'number', 'section', '_id']);
  });

  it('gets indicators by id, and many in list order (none asked: nothing sent)', async () => {
    await on(IndicatorsReadModel).get('ind-01');
    await on(IndicatorsReadModel).getMany([]);
    await on(IndicatorsReadModel).getMany(['ind-02', 'ind-01']);
    expect(sent('indicators_g4')).toEqual([
      ['findOne', [{ _id: 'ind-01' }]],
      ['find', [{ _id: { $in: ['ind-02', 'ind-01'] } }, { sort: { kind: 1, number: 1, section: 1, _id: 1 } }]],
    ]);
  });

  it('pages an indicator’s history within the timeline bounds, by revision either way', async () => {
    const history = on(IndicatorHistoryReadModel);
    const filter = bounds({ from: '2021-04-01T00:00:00.000Z', to: '2021-05-01T00:00:00.000Z', afterPosition: 3, beforePosition: 90, types: ['ProgressReported'], actor: 'reporter-btc', unit: 'ban-to-chuc-thanh-uy' });
    await history.page('ind-01', filter, { limit: 10, offset: 5, order: 'desc' });
    await history.all('ind-01', NO_BOUNDS, 'asc');
    await history.exists('ind-01');
    const query = {
      recordedAt: { $gte: '2021-04-01T00:00:00.000Z', $lte: '2021-05-01T00:00:00.000Z' },
      position: { $gt: 3, $lt: 90 },
      type: { $in: ['ProgressReported'] },
      'actor.id': 'reporter-btc',
      'actor.unitId': 'ban-to-chuc-thanh-uy',
      indicatorId: 'ind-01',
    };
    expect(sent('indicator_history_g4')).toEqual([
      ['find', [query, { sort: { revision: -1 }, skip: 5, limit: 10 }]],
      ['countDocuments', [query]],
      ['find', [{ indicatorId: 'ind-01' }, { sort: { revision: 1 } }]],
      ['countDocuments', [{ indicatorId: 'ind-01' }, { limit: 1 }]],
    ]);
  });

  it('pages the audit log by global position, with one side of each range alone', async () => {
    await on(AuditLogReadModel).page(bounds({ to: '2021-05-01T00:00:00.000Z', afterPosition: 7 }), { limit: 100, offset: 0, order: 'asc' });
    const query = { recordedAt: { $lte: '2021-05-01T00:00:00.000Z' }, position: { $gt: 7 } };
    expect(sent('audit_log_g4')).toEqual([
      ['find', [query, { sort: { position: 1 }, skip: 0, limit: 100 }]],
      ['countDocuments', [query]],
    ]);
  });

  it('lists units, active or not, by id', async () => {
    await on(UnitsReadModel).list();
    await on(UnitsReadModel).list(false);
    await on(UnitsReadModel).get('phong-y-te');
    expect(sent('units_g4')).toEqual([
      ['find', [{}, { sort: { _id: 1 } }]],
      ['find', [{ active: false }, { sort: { _id: 1 } }]],
      ['findOne', [{ _id: 'phong-y-te' }]],
    ]);
  });

  it('lists progress reports and finds those citing a file across their evidence', async () => {
    await on(ProgressReportsReadModel).list({ indicatorId: 'ind-01', unitId: 'u', period: '2021-Q1', metric: 'm', hasEvidence: false }, { limit: 5, offset: 0 });
    await on(ProgressReportsReadModel).citing('a'.repeat(64));
    const filter = { indicatorId: 'ind-01', unitId: 'u', period: '2021-Q1', metric: 'm', hasEvidence: false };
    expect(sent('progress_reports_g4')).toEqual([
      ['find', [filter, { sort: { indicatorId: 1, metric: 1, period: 1, _id: 1 }, skip: 0, limit: 5 }]],
      ['countDocuments', [filter]],
      ['find', [{ 'evidence.sha256': 'a'.repeat(64) }, { sort: { indicatorId: 1, period: 1, _id: 1 } }]],
    ]);
  });

  it('lists report queries by raised time and id, and resolutions by year, latest first', async () => {
    await on(ReportQueriesReadModel).list({ status: 'open', indicatorId: 'ind-01', unitId: 'u' }, { limit: 3, offset: 6 });
    await on(ResolutionsReadModel).list();
    expect(sent('report_queries_g4')[0]).toEqual(['find', [{ status: 'open', indicatorId: 'ind-01', unitId: 'u' }, { sort: { raisedAt: 1, _id: 1 }, skip: 6, limit: 3 }]]);
    expect(sent('resolutions_g4')).toEqual([['find', [{}, { sort: { year: -1, _id: 1 } }]]]);
  });

  it('answers an unreachable deployment with StoreUnavailableError (503), and lets a refused query through as a defect', async () => {
    driver.failures.set('indicators_g4.find', new MongoNetworkError('connection closed'));
    const unavailable = on(IndicatorsReadModel).list({}, { limit: 1, offset: 0 });
    await expect(unavailable).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(unavailable).rejects.toMatchObject({ code: 'READ_STORE_UNAVAILABLE' });
    const refusal = new MongoServerError({ message: 'unknown operator', code: 2 });
    driver.failures.set('indicators_g4.find', refusal);
    await expect(on(IndicatorsReadModel).list({}, { limit: 1, offset: 0 })).rejects.toBe(refusal);
  });
});
