/**
 * The projection daemon over the real projections and the SQLite stores: a new store gets serving
 * generations; a read model whose version changed is rebuilt beside the serving generation, which
 * keeps answering until the new one has caught up and is swapped in; an interrupted rebuild
 * resumes; read models ahead of the ledger halt everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import type { AnyProjection } from '../../projections/projection';
import { unitsProjection, type UnitDocument } from '../../projections/units';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { readModelOn } from '../../src/infrastructure/read-model-providers';
import { ProjectionDaemon } from '../../src/projection-runner/projection-daemon';
import { ReadModelRebuildingError, ReadModelsAheadOfLedgerError } from '../../src/read-models/read-model.errors';
import { ReadModelAvailability } from '../../src/read-models/read-model-availability';
import { servingName } from '../../src/read-models/serving-generation';
import type { Generation } from '../../src/read-models/read-model-store.port';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { UnitsReadModel } from '../../src/read-models/units/units.read-model';
import { newEvent } from '../contract/event-store.contract';

const quiet = { log: () => undefined, error: () => undefined };

async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

/** The units projection as a later release would ship it: another version, the same layout. */
const unitsV2: AnyProjection = { ...(unitsProjection as unknown as AnyProjection), version: 2 };
/** Another version that also queries another field: its predecessor cannot answer its queries. */
const unitsV2Relaid: AnyProjection = { ...unitsV2, fields: { ...unitsProjection.fields, name: { path: 'name', type: 'text' } } };

function withUnits(units: AnyProjection): AnyProjection[] {
  return ALL_PROJECTIONS.map((projection) => (projection.name === units.name ? units : projection));
}

describe('ProjectionDaemon', () => {
  let dir: string;
  let events: SqliteEventStore;
  let store: SqliteReadModelStore;
  let daemons: ProjectionDaemon[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-daemon-'));
    events = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
    store = new SqliteReadModelStore({ filename: join(dir, 'read-models.db') });
    daemons = [];
  });

  afterEach(async () => {
    for (const daemon of daemons) await daemon.stop();
    await store.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function daemon(projections: readonly AnyProjection[] = ALL_PROJECTIONS, availability = new ReadModelAvailability()): ProjectionDaemon {
    const created = new ProjectionDaemon(events, store, projections, availability, { logger: quiet, retry: { initialDelayMs: 5, maxDelayMs: 20 } });
    daemons.push(created);
    return created;
  }

  async function registerUnits(count: number, from = 0): Promise<number> {
    let position = 0;
    for (let i = from; i < from + count; i += 1) {
      position = (await events.appendToStream(`unit-u${i}`, [newEvent('UnitRegistered', { unitId: `u${i}`, name: `Đơn vị ${i}`, namedInResolution: true })], 'no_stream')).position;
    }
    return position;
  }

  const units = (availability = new ReadModelAvailability()) => readModelOn(UnitsReadModel, store, availability);
  const generationsOf = async (readModel: string): Promise<Generation[]> => (await store.generations()).filter((g) => g.readModel === readModel);

  it('creates a serving, indexed generation of every read model on a new store and brings it to the head', async () => {
    const head = await registerUnits(3);
    expect(await daemon().catchUp()).toBe(head);

    const generations = await store.generations();
    expect(generations.map((g) => [g.readModel, g.generation, g.state])).toEqual(ALL_PROJECTIONS.map((p) => [p.name, 1, 'serving']).sort());
    expect(generations.every((g) => g.position === head && g.indexed)).toBe(true);
    expect((await units().list()).map((unit) => unit.unitId)).toEqual(['u0', 'u1', 'u2']);
  });

  it('resumes from the stored checkpoints at a restart: nothing is replayed', async () => {
    await registerUnits(3);
    await daemon().catchUp();
    const head = await registerUnits(2, 3);
    const commits = jest.spyOn(store, 'commit');

    expect(await daemon().catchUp()).toBe(head);

    // One commit, of the two new events only.
    expect(commits).toHaveBeenCalledTimes(1);
    expect(commits.mock.calls[0][0].every((write) => write.documents.every((document) => document.lastPosition > head - 2))).toBe(true);
    expect(await units().list()).toHaveLength(5);
  });

  describe('a read model whose version changed', () => {
    it('is rebuilt beside the serving generation, which answers until the new one is swapped in and dropped', async () => {
      await registerUnits(3);
      await daemon().catchUp();
      const before = await units().list();

      // The rebuild is held just before its indexes are made: built, not yet swapped in.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let reachedIndexes: () => void = () => undefined;
      const atIndexes = new Promise<void>((resolve) => (reachedIndexes = resolve));
      const createIndexes = store.createIndexes.bind(store);
      jest.spyOn(store, 'createIndexes').mockImplementation(async (projection, generation) => {
        if (generation.state === 'building') {
          reachedIndexes();
          await held;
        }
        return createIndexes(projection, generation);
      });

      const upgraded = daemon(withUnits(unitsV2));
      upgraded.start();
      await atIndexes;

      expect((await generationsOf('units')).map((g) => [g.generation, g.version, g.state])).toEqual([
        [1, 1, 'serving'],
        [2, 2, 'building'],
      ]);
      expect(upgraded.isRebuilding).toBe(true);
      // Queries answer from the old generation meanwhile, never from the half-built one.
      expect(await units().list()).toEqual(before);
      // An event recorded now is not yet in what answers: read-your-writes waits for the swap.
      const late = await registerUnits(1, 3);
      expect(await upgraded.waitForPosition(late, 50)).toBe(false);

      release();
      expect(await upgraded.waitForPosition(late, 5000)).toBe(true);
      await eventually(async () => (await generationsOf('units')).length === 1, 'the retired generation is dropped');
      expect((await generationsOf('units')).map((g) => [g.generation, g.version, g.state])).toEqual([[2, 2, 'serving']]);
      expect((await units().list()).map((unit) => unit.unitId)).toEqual(['u0', 'u1', 'u2', 'u3']);
      // Other read models were not rebuilt.
      expect((await generationsOf('indicators')).map((g) => g.generation)).toEqual([1]);
      // The old generation's table is gone.
      expect(store.database.prepare(`SELECT name FROM sqlite_master WHERE name = 'units_g1'`).all()).toEqual([]);
    });

    it('answers READ_MODEL_REBUILDING while the serving generation was laid out for other queries', async () => {
      await registerUnits(2);
      await daemon().catchUp();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let reachedIndexes: () => void = () => undefined;
      const atIndexes = new Promise<void>((resolve) => (reachedIndexes = resolve));
      const createIndexes = store.createIndexes.bind(store);
      jest.spyOn(store, 'createIndexes').mockImplementation(async (projection, generation) => {
        reachedIndexes();
        await held;
        return createIndexes(projection, generation);
      });

      const upgraded = daemon(withUnits(unitsV2Relaid));
      upgraded.start();
      await atIndexes;
      // The running code's queries ask for the relaid layout, which the serving generation does not have.
      const lookup = () => servingName(unitsV2Relaid, store.servingGeneration('units'), new ReadModelAvailability());
      expect(lookup).toThrow(ReadModelRebuildingError);

      release();
      await eventually(() => !upgraded.isRebuilding, 'the rebuild is swapped in');
      expect(lookup()).toBe('units_g2');
    });

    it('resumes an interrupted rebuild from its own checkpoint instead of starting another', async () => {
      await registerUnits(4);
      await daemon().catchUp();
      // Stopped before the rebuild made its indexes: it has written its documents, nothing is swapped.
      let stopNow: () => void = () => undefined;
      const atIndexes = new Promise<void>((resolve) => (stopNow = resolve));
      const createIndexes = store.createIndexes.bind(store);
      const spy = jest.spyOn(store, 'createIndexes').mockImplementation(async (projection, generation) => {
        stopNow();
        await new Promise(() => undefined);
        return createIndexes(projection, generation);
      });
      const first = daemon(withUnits(unitsV2));
      first.start();
      await atIndexes;
      spy.mockRestore();
      daemons.splice(daemons.indexOf(first), 1);
      // Not stopped cleanly: as if the process were gone (its rebuild never finishes).
      await first.live.stop();
      const building = (await generationsOf('units')).find((g) => g.state === 'building');
      expect(building).toMatchObject({ generation: 2, position: await events.headPosition() });

      const second = daemon(withUnits(unitsV2));
      second.start();
      await eventually(async () => (await generationsOf('units')).every((g) => g.state === 'serving'), 'the resumed rebuild is swapped in');
      expect((await generationsOf('units')).map((g) => [g.generation, g.state])).toEqual([[2, 'serving']]);
    });
  });

  describe('npm run projections:rebuild', () => {
    it('builds new generations of the named read models beside the serving ones and swaps them in', async () => {
      await registerUnits(3);
      await daemon().catchUp();
      const before = await units().list();

      const report = await daemon().rebuild(['units']);

      expect(report).toMatchObject({ readModels: ['units'], position: await events.headPosition() });
      expect((await generationsOf('units')).map((g) => [g.generation, g.state])).toEqual([[2, 'serving']]);
      expect((await generationsOf('indicators')).map((g) => g.generation)).toEqual([1]);
      expect(await units().list()).toEqual(before);
    });

    it('refuses a read model it does not know', async () => {
      await expect(daemon().rebuild(['unknown'])).rejects.toThrow(/Unknown read model\(s\): unknown/);
    });
  });

  describe('read models ahead of the ledger', () => {
    it('halts: nothing is served or written, the fault names both positions, and nothing runs', async () => {
      await registerUnits(3);
      await daemon().catchUp();
      // The event log is replaced by an older one: acknowledged events are gone.
      await events.close();
      rmSync(join(dir, 'events.db'));
      events = new SqliteEventStore({ filename: join(dir, 'events.db'), pollIntervalMs: 20 });
      await registerUnits(1);

      const availability = new ReadModelAvailability();
      const halted = daemon(ALL_PROJECTIONS, availability);
      expect(await halted.catchUp()).toBe(3);
      halted.start();

      expect(availability.fault).toBeInstanceOf(ReadModelsAheadOfLedgerError);
      expect(availability.fault).toMatchObject({ readModelPosition: 3, ledgerHeadPosition: 1 });
      await expect(units(availability).list()).rejects.toBeInstanceOf(ReadModelsAheadOfLedgerError);
      // Nothing was written over the read models.
      expect(new Set((await store.generations()).map((g) => g.position))).toEqual(new Set([3]));
      expect(halted.live.state).toBe('stopped');
      expect(((await store.documents((await generationsOf('units'))[0])) as UnitDocument[]).map((u) => u.unitId)).toEqual(['u0', 'u1', 'u2']);
    });
  });
});
