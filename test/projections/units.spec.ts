import { handledTypes } from '../../projections/projection';
import type { LedgerEvent } from '../../src/domain/events';
import { applyAll } from '../../projections/apply';
import { byId, storedReadModel } from '../support/read-model-store';
import { UnhandledEventError } from '../../projections/unhandled-event';
import { UnitNotRegisteredError, unitsProjection, type UnitDocument } from '../../projections/units';
import { history, recorded } from '../support/events';
import { reported } from './indicator-events';
import {
  BAN_TO_CHUC,
  SO_Y_TE,
  UBND,
  indicatorRegistered,
  responsibilityReassigned,
  unitDeactivated,
  unitRegistered,
  unitRenamed,
} from './unit-events';

/** recordedAt that test/support/events.ts gives the event at a position. */
const at = (position: number): string => new Date(Date.UTC(2021, 0, 1) + position * 60_000).toISOString();

function project(events: LedgerEvent[]): Map<string, UnitDocument> {
  return applyAll(unitsProjection, history(events));
}

function unit(documents: Map<string, UnitDocument>, unitId: string): UnitDocument {
  const document = documents.get(unitId);
  if (!document) throw new Error(`no document for ${unitId}`);
  return document;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('units projection', () => {
  it('is the units read model and handles the unit events and the indicator events that move responsibility', () => {
    expect(unitsProjection.name).toBe('units');
    expect(handledTypes(unitsProjection).sort()).toEqual(['IndicatorRegistered', 'ResponsibilityReassigned', 'UnitDeactivated', 'UnitRegistered', 'UnitRenamed'].sort());
  });

  describe('UnitRegistered', () => {
    it('creates the document', () => {
      const documents = project([unitRegistered(BAN_TO_CHUC, 'Ban Tổ chức Thành ủy', { shortName: 'BTC Thành ủy' })]);
      expect(unit(documents, BAN_TO_CHUC)).toEqual({
        _id: BAN_TO_CHUC,
        unitId: BAN_TO_CHUC,
        name: 'Ban Tổ chức Thành ủy',
        shortName: 'BTC Thành ủy',
        namedInResolution: true,
        active: true,
        deactivatedReason: null,
        deactivationDecisionRef: null,
        deactivatedAt: null,
        names: [{ name: 'Ban Tổ chức Thành ủy', from: at(1) }],
        responsibleFor: [],
        revision: 0,
        registeredAt: at(1),
        updatedAt: at(1),
        lastPosition: 1,
      });
    });

    it('stores a missing short name as null and keeps namedInResolution as registered', () => {
      const document = unit(project([unitRegistered(SO_Y_TE, 'Phòng Y tế', { namedInResolution: false })]), SO_Y_TE);
      expect(document).toMatchObject({ shortName: null, namedInResolution: false });
    });

    it('keeps the first registration if the stream were registered twice', () => {
      const documents = project([unitRegistered(UBND, 'UBND Thành phố'), unitRegistered(UBND, 'Tên khác')]);
      expect(unit(documents, UBND)).toMatchObject({ name: 'UBND Thành phố', revision: 0, registeredAt: at(1), lastPosition: 2 });
    });
  });

  describe('UnitRenamed', () => {
    it('changes the name and appends to the rename history', () => {
      const documents = project([
        unitRegistered(SO_Y_TE, 'Phòng Y tế'),
        unitRenamed(SO_Y_TE, 'Phòng Y tế', 'Phòng Y tế Thành phố'),
        unitRenamed(SO_Y_TE, 'Phòng Y tế Thành phố', 'Phòng Y tế TP Hạ Long'),
      ]);
      expect(unit(documents, SO_Y_TE)).toMatchObject({
        name: 'Phòng Y tế TP Hạ Long',
        names: [
          { name: 'Phòng Y tế', from: at(1) },
          { name: 'Phòng Y tế Thành phố', from: at(2) },
          { name: 'Phòng Y tế TP Hạ Long', from: at(3) },
        ],
        revision: 2,
        registeredAt: at(1),
        updatedAt: at(3),
        lastPosition: 3,
      });
    });

    it('refuses a rename of a unit whose registration was not applied', () => {
      const orphan = recorded(unitRenamed(SO_Y_TE, 'a', 'b'), { position: 4, revision: 1 });
      expect(() => unitsProjection.evolve(null, orphan, SO_Y_TE)).toThrow(UnitNotRegisteredError);
    });
  });

  describe('UnitDeactivated', () => {
    it('marks the unit inactive with the reason and the decision, keeping its responsibilities', () => {
      const documents = project([unitRegistered(UBND, 'UBND Thành phố'), indicatorRegistered('ind-01', UBND), unitDeactivated(UBND)]);
      expect(unit(documents, UBND)).toMatchObject({
        active: false,
        deactivatedReason: 'Sáp nhập vào đơn vị khác',
        deactivationDecisionRef: '150-QĐ/TU',
        deactivatedAt: at(3),
        responsibleFor: ['ind-01'],
        revision: 1,
        lastPosition: 3,
      });
    });

    it('refuses to deactivate a unit known only as a placeholder', () => {
      const documents = project([indicatorRegistered('ind-01', UBND)]);
      const deactivation = recorded(unitDeactivated(UBND), { position: 2, revision: 0 });
      expect(() => unitsProjection.evolve(unit(documents, UBND), deactivation, UBND)).toThrow(UnitNotRegisteredError);
    });
  });

  describe('IndicatorRegistered', () => {
    it('gives the indicator to its responsible unit, sorted and without duplicates', () => {
      const documents = project([
        unitRegistered(UBND, 'UBND Thành phố'),
        indicatorRegistered('ind-07', UBND),
        indicatorRegistered('ind-02', UBND),
        indicatorRegistered('ind-07', UBND),
      ]);
      expect(unit(documents, UBND)).toMatchObject({ responsibleFor: ['ind-02', 'ind-07'], revision: 0, updatedAt: at(4), lastPosition: 4 });
    });

    it('creates a placeholder for a unit not registered yet', () => {
      const documents = project([indicatorRegistered('ind-05', SO_Y_TE)]);
      expect(unit(documents, SO_Y_TE)).toEqual({
        _id: SO_Y_TE,
        unitId: SO_Y_TE,
        name: null,
        shortName: null,
        namedInResolution: null,
        active: true,
        deactivatedReason: null,
        deactivationDecisionRef: null,
        deactivatedAt: null,
        names: [],
        responsibleFor: ['ind-05'],
        revision: -1,
        registeredAt: null,
        updatedAt: at(1),
        lastPosition: 1,
      });
    });

    it('lets the later registration fill the placeholder in, keeping what it is responsible for', () => {
      const documents = project([indicatorRegistered('ind-05', SO_Y_TE), unitRegistered(SO_Y_TE, 'Phòng Y tế', { shortName: 'PYT' })]);
      expect(unit(documents, SO_Y_TE)).toMatchObject({
        name: 'Phòng Y tế',
        shortName: 'PYT',
        namedInResolution: true,
        names: [{ name: 'Phòng Y tế', from: at(2) }],
        responsibleFor: ['ind-05'],
        revision: 0,
        registeredAt: at(2),
        lastPosition: 2,
      });
    });
  });

  describe('ResponsibilityReassigned', () => {
    const reassignment = recorded(responsibilityReassigned('ind-03', BAN_TO_CHUC, UBND), { position: 9, revision: 3 });

    it('changes both units', () => {
      expect(unitsProjection.documentIds(reassignment)).toEqual([BAN_TO_CHUC, UBND]);
    });

    it('moves the indicator from one unit to the other', () => {
      const documents = project([
        unitRegistered(BAN_TO_CHUC, 'Ban Tổ chức Thành ủy'),
        unitRegistered(UBND, 'UBND Thành phố'),
        indicatorRegistered('ind-03', BAN_TO_CHUC),
        indicatorRegistered('ind-04', BAN_TO_CHUC),
        indicatorRegistered('ind-01', UBND),
        responsibilityReassigned('ind-03', BAN_TO_CHUC, UBND),
      ]);
      expect(unit(documents, BAN_TO_CHUC)).toMatchObject({ responsibleFor: ['ind-04'], revision: 0, lastPosition: 6, updatedAt: at(6) });
      expect(unit(documents, UBND)).toMatchObject({ responsibleFor: ['ind-01', 'ind-03'], revision: 0, lastPosition: 6, updatedAt: at(6) });
    });

    it('creates a placeholder for a receiving unit not registered yet', () => {
      const documents = project([indicatorRegistered('ind-03', BAN_TO_CHUC), responsibilityReassigned('ind-03', BAN_TO_CHUC, SO_Y_TE)]);
      expect(unit(documents, BAN_TO_CHUC).responsibleFor).toEqual([]);
      expect(unit(documents, SO_Y_TE)).toMatchObject({ name: null, revision: -1, responsibleFor: ['ind-03'], lastPosition: 2 });
    });

    it('leaves a unit reassigned to itself responsible', () => {
      const toItself = recorded(responsibilityReassigned('ind-03', UBND, UBND), { position: 3, revision: 1 });
      expect(unitsProjection.documentIds(toItself)).toEqual([UBND]);
      const documents = applyAll(unitsProjection, [toItself], project([indicatorRegistered('ind-03', UBND)]));
      expect(unit(documents, UBND).responsibleFor).toEqual(['ind-03']);
    });
  });

  describe('events it does not handle', () => {
    const report = recorded(reported('r1', 'new_members', '2021-Q1', 100), { position: 5, revision: 1 });

    it('names no document and cannot create one', () => {
      expect(unitsProjection.documentIds(report)).toEqual([]);
      expect(() => unitsProjection.evolve(null, report, UBND)).toThrow(UnhandledEventError);
    });
  });

  describe('idempotency', () => {
    const events = history([
      indicatorRegistered('ind-05', SO_Y_TE),
      unitRegistered(BAN_TO_CHUC, 'Ban Tổ chức Thành ủy'),
      unitRegistered(SO_Y_TE, 'Phòng Y tế'),
      indicatorRegistered('ind-03', BAN_TO_CHUC),
      unitRenamed(SO_Y_TE, 'Phòng Y tế', 'Phòng Y tế Thành phố'),
      responsibilityReassigned('ind-03', BAN_TO_CHUC, SO_Y_TE),
      unitDeactivated(BAN_TO_CHUC),
    ]);

    it('round-trips through the read store unchanged, under its own indexes', async () => {
      const documents = [...applyAll(unitsProjection, events).values()];
      const { store, generation } = await storedReadModel(unitsProjection, documents, events.length);
      expect(await store.documents(generation)).toEqual(byId(documents));
      await store.close();
    });

    it('gives the same documents when the same events are replayed twice', () => {
      const once = applyAll(unitsProjection, events);
      expect(applyAll(unitsProjection, events, once)).toEqual(once);
      expect(applyAll(unitsProjection, [...events, ...events])).toEqual(once);
      // A replay of the middle of the history, as after a crash before the checkpoint was stored.
      expect(applyAll(unitsProjection, events.slice(3), once)).toEqual(once);
      expect(unit(once, SO_Y_TE)).toMatchObject({ responsibleFor: ['ind-03', 'ind-05'], names: [{}, {}], revision: 1, lastPosition: 6 });
      expect(unit(once, BAN_TO_CHUC)).toMatchObject({ responsibleFor: [], active: false, lastPosition: 7 });
    });

    it('returns the current document itself for an event at or before its lastPosition', () => {
      const document = unit(applyAll(unitsProjection, events), SO_Y_TE);
      expect(unitsProjection.evolve(document, events[5], SO_Y_TE)).toBe(document);
      expect(unitsProjection.evolve(document, events[0], SO_Y_TE)).toBe(document);
    });

    it('never mutates the document it is given', () => {
      const base = applyAll(unitsProjection, events.slice(0, 4));
      base.forEach(deepFreeze);
      const snapshot = structuredClone(base);
      const next = applyAll(unitsProjection, events.slice(4), base);
      expect(base).toEqual(snapshot);
      expect(unit(next, SO_Y_TE)).not.toEqual(unit(base, SO_Y_TE));
      expect(unit(next, BAN_TO_CHUC)).not.toEqual(unit(base, BAN_TO_CHUC));
    });
  });
});
