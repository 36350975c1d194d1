/** Events to and from EventStoreDB: JSON stored verbatim (metadata included), unreadable records refused loudly. */
import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { InvalidEventStoreArgumentError } from '../../../src/event-store/event-store.errors';
import { UnreadableStoredEventError } from '../../../src/event-store/eventstoredb/eventstoredb.errors';
import { ledgerEventFilter, toEventData, toLedgerEvent } from '../../../src/event-store/eventstoredb/event-conversion';
import { newEvent } from '../../contract/event-store.contract';

function stored(overrides: Partial<Record<keyof EsdbRecordedEvent, unknown>> = {}): EsdbRecordedEvent {
  const event = newEvent('ProgressReported', { value: 15.6 });
  return {
    streamId: 'indicator-ind-10',
    id: event.metadata.eventId,
    revision: 3n,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    isJson: true,
    created: new Date(0),
    position: { commit: 5000n, prepare: 5000n },
    ...overrides,
  } as EsdbRecordedEvent;
}

describe('EventStoreDB event conversion', () => {
  it('writes JSON under the deterministic event id, with every metadata field as given', () => {
    const event = newEvent('ProgressReported', { value: 1 });
    const withHashes = { ...event, metadata: { ...event.metadata, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) } };
    const data = toEventData(withHashes);
    expect(data).toMatchObject({ id: event.metadata.eventId, type: 'ProgressReported', contentType: 'application/json', data: { value: 1 } });
    expect(data.metadata).toEqual(withHashes.metadata);
  });

  it('refuses an event without data', () => {
    expect(() => toEventData({ ...newEvent(), data: undefined })).toThrow(InvalidEventStoreArgumentError);
  });

  it('reads a stored event as the port’s, position = commit position', () => {
    const record = stored();
    expect(toLedgerEvent(record)).toEqual({
      type: 'ProgressReported',
      data: { value: 15.6 },
      metadata: record.metadata,
      streamId: 'indicator-ind-10',
      revision: 3,
      position: 5000,
    });
  });

  it('falls back to the resolved event’s commit position when the record carries none', () => {
    expect(toLedgerEvent(stored({ position: undefined }), 7000n).position).toBe(7000);
  });

  it.each([
    ['binary data', { isJson: false }, 'not JSON'],
    ['no metadata', { metadata: undefined }, 'no JSON metadata'],
    ['binary metadata', { metadata: new Uint8Array([1]) }, 'no JSON metadata'],
    ['no position at all', { position: undefined }, 'did not report its position'],
    ['a legacy transaction position', { position: { commit: 9000n, prepare: 8000n } }, 'legacy TCP transaction'],
  ])('refuses a record with %s', (_, overrides, reason) => {
    expect(() => toLedgerEvent(stored(overrides))).toThrow(UnreadableStoredEventError);
    expect(() => toLedgerEvent(stored(overrides))).toThrow(reason);
  });

  it('keeps only the ledger’s categories, never system streams or events', () => {
    const isLedger = ledgerEventFilter(['indicator-', 'unit-']);
    expect(isLedger({ streamId: 'indicator-ind-1', type: 'ProgressReported' })).toBe(true);
    expect(isLedger({ streamId: 'unit-phong-kinh-te', type: 'UnitRenamed' })).toBe(true);
    expect(isLedger({ streamId: 'billing-1', type: 'Paid' })).toBe(false);
    expect(isLedger({ streamId: '$$indicator-ind-1', type: '$metadata' })).toBe(false);
    expect(isLedger({ streamId: 'indicator-ind-1', type: '$>' })).toBe(false);
  });
});
