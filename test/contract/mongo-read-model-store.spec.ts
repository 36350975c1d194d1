/**
 * The read-model store contract against a real MongoDB replica set wherever MONGODB_URI points at
 * one (`docker compose up eventstore mongo`, then `npm run test:servers`), and the app projecting
 * into it. Every test writes to a database of its own (MONGODB_DATABASE + "_test_…"), dropped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyAll } from '../../projections/apply';
import { ALL_PROJECTIONS } from '../../projections';
import type { RecordedLedgerEvent } from '../../src/domain/events';
import { servingDocuments } from '../../src/read-models/serving-documents';
import { byId } from '../support/read-model-store';
import { describeWithServer, MONGODB } from '../support/server-stores';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeReadModelStoreContract } from './read-model-store.contract';
import { mongoTarget, type OpenedStore } from './read-model-store-targets';

describeWithServer('the read-model store contract suite and the projections on MongoDB', MONGODB, ({ uri, database }) => {
  const target = mongoTarget(uri, database);
  describeReadModelStoreContract(target);

  describe('the projections through the app on MongoDB at MONGODB_URI', () => {
    let opened: OpenedStore;
    let app: TestApp | null = null;
    let dataDir: string;
    beforeEach(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ledger-mongo-'));
      opened = await target.open('app');
    });
    afterEach(async () => {
      await app?.close();
      app = null;
      await opened.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('serves read models equal to the projections of its ledger, and keeps them across a restart', async () => {
      app = await startTestApp({ readModelStore: opened.store, dataDir });
      const events = (await app.eventStore.readAll({ fromPosition: 0, limit: 1_000_000 })) as RecordedLedgerEvent[];
      const head = await app.eventStore.headPosition();
      await app.get(`/indicators?group=economy&minPosition=${head}`).expect(200);
      const expected = Object.fromEntries(ALL_PROJECTIONS.map((projection) => [projection.name, byId(applyAll(projection, events).values())]));
      expect(Object.fromEntries(await servingDocuments(await opened.reopen(), ALL_PROJECTIONS))).toEqual(expected);
      const generations = await (await opened.reopen()).generations();
      expect(generations.every((generation) => generation.state === 'serving' && generation.position === head)).toBe(true);

      await app.close();
      // Same event store file, same database: the read models are served as they are, not rebuilt.
      app = await startTestApp({ readModelStore: await opened.reopen(), dataDir });
      expect((await app.get('/indicators?group=economy').expect(200)).body.total).toBeGreaterThan(0);
      expect(await (await opened.reopen()).generations()).toEqual(generations);
      expect(Object.fromEntries(await servingDocuments(await opened.reopen(), ALL_PROJECTIONS))).toEqual(expected);
    });
  });
});
