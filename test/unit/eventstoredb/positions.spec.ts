/** Revision and position conversions of the EventStoreDB adapter: exact numbers or a typed refusal, never rounding. */
import { NO_STREAM, START } from '@eventstore/db-client';
import { InvalidEventStoreArgumentError } from '../../../src/event-store/event-store.errors';
import { PositionOutOfRangeError } from '../../../src/event-store/eventstoredb/eventstoredb.errors';
import {
  currentRevisionOf,
  esdbExpectedRevision,
  isSingleRecordPosition,
  ledgerPositionOf,
  ledgerRevisionOf,
  readPositionAfter,
} from '../../../src/event-store/eventstoredb/positions';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

describe('EventStoreDB positions and revisions', () => {
  describe('ledgerPositionOf', () => {
    it('is the commit position as an exact number', () => {
      expect(ledgerPositionOf({ commit: 1056n, prepare: 1056n })).toBe(1056);
      expect(ledgerPositionOf({ commit: MAX, prepare: MAX })).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('refuses a commit position a number cannot hold exactly', () => {
      expect(() => ledgerPositionOf({ commit: MAX + 1n, prepare: MAX + 1n })).toThrow(PositionOutOfRangeError);
      const error = (() => {
        try {
          ledgerPositionOf({ commit: MAX + 2n, prepare: MAX + 2n });
        } catch (e) {
          return e as PositionOutOfRangeError;
        }
      })();
      expect(error).toMatchObject({ code: 'EVENT_STORE_POSITION_OUT_OF_RANGE', details: { what: 'commit position', value: (MAX + 2n).toString() } });
    });

    it('refuses a negative commit position (EventStoreDB’s "no position" is -1)', () => {
      expect(() => ledgerPositionOf({ commit: -1n, prepare: -1n })).toThrow(PositionOutOfRangeError);
    });
  });

  it('recognises an event alone at its position (commit = prepare)', () => {
    expect(isSingleRecordPosition({ commit: 10n, prepare: 10n })).toBe(true);
    expect(isSingleRecordPosition({ commit: 20n, prepare: 10n })).toBe(false);
  });

  describe('readPositionAfter', () => {
    it('starts from the beginning for position 0, never from the end', () => {
      expect(readPositionAfter(0)).toBe(START);
    });

    it('rebuilds the event’s exact $all position from one stored number', () => {
      expect(readPositionAfter(1056)).toEqual({ commit: 1056n, prepare: 1056n });
      expect(readPositionAfter(Number.MAX_SAFE_INTEGER)).toEqual({ commit: MAX, prepare: MAX });
    });

    it('refuses positions that are not whole numbers >= 0', () => {
      for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => readPositionAfter(bad)).toThrow(InvalidEventStoreArgumentError);
    });
  });

  describe('ledgerRevisionOf', () => {
    it('converts exactly, and refuses what a number cannot hold', () => {
      expect(ledgerRevisionOf(0n)).toBe(0);
      expect(ledgerRevisionOf(41n)).toBe(41);
      expect(() => ledgerRevisionOf(MAX + 1n)).toThrow(PositionOutOfRangeError);
    });
  });

  describe('esdbExpectedRevision', () => {
    it('maps no_stream to NO_STREAM and a revision to a bigint', () => {
      expect(esdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(esdbExpectedRevision(0)).toBe(0n);
      expect(esdbExpectedRevision(17)).toBe(17n);
    });

    it('has no way to say ANY, and refuses anything that is not a revision', () => {
      for (const bad of [-1, 0.5, Number.NaN, 'any', 'stream_exists'] as never[]) {
        expect(() => esdbExpectedRevision(bad)).toThrow(InvalidEventStoreArgumentError);
      }
    });
  });

  describe('currentRevisionOf', () => {
    it('reads the server’s current revision, with no_stream as null', () => {
      expect(currentRevisionOf(3n)).toBe(3);
      expect(currentRevisionOf('no_stream')).toBeNull();
      expect(currentRevisionOf(-1n)).toBeNull();
      expect(currentRevisionOf(undefined)).toBeNull();
    });
  });
});
