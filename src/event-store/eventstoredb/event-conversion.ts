/** Between the port's events and EventStoreDB's: JSON data and metadata, stored verbatim. */
import { jsonEvent, type EventData, type JSONType, type Position, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../shared/messages';
import { InvalidEventStoreArgumentError } from '../event-store.errors';
import { UnreadableStoredEventError } from './eventstoredb.errors';
import { isSingleRecordPosition, ledgerPositionOf, ledgerRevisionOf } from './positions';

/**
 * The event as EventStoreDB stores it. Its id is the metadata's `eventId` (the deterministic id
 * derived from the command), so the server's own idempotency check sees a retried command; the
 * metadata object goes in whole, so fields added later (integrity hashes) need no change here.
 */
export function toEventData(event: NewEvent): EventData {
  if (event.data === undefined) {
    throw new InvalidEventStoreArgumentError(`Event ${event.metadata.eventId} of type ${event.type} has no data`, { eventId: event.metadata.eventId });
  }
  return jsonEvent({
    id: event.metadata.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: event.metadata as unknown as JSONType,
  });
}

/**
 * A stored event as the port's. `fallbackCommitPosition` is the resolved event's commit position,
 * used when the record carries no position of its own (stream reads on servers before 22.6).
 */
export function toLedgerEvent(event: EsdbRecordedEvent, fallbackCommitPosition?: bigint): RecordedEvent {
  const revision = event.revision.toString();
  const unreadable = (reason: string) => new UnreadableStoredEventError(event.streamId, revision, reason);
  if (!event.isJson) throw unreadable('its data is not JSON');
  const metadata = event.metadata;
  if (metadata === undefined || metadata === null || typeof metadata !== 'object' || metadata instanceof Uint8Array || Array.isArray(metadata)) {
    throw unreadable('it has no JSON metadata object');
  }
  const position: Position | undefined =
    event.position ?? (fallbackCommitPosition !== undefined ? { commit: fallbackCommitPosition, prepare: fallbackCommitPosition } : undefined);
  if (!position) throw unreadable('the server did not report its position (EventStoreDB 22.10 or later is required)');
  if (!isSingleRecordPosition(position)) {
    throw unreadable(`its commit position ${position.commit} differs from its prepare position ${position.prepare} (written in a legacy TCP transaction)`);
  }
  return {
    type: event.type,
    data: event.data,
    metadata: metadata as unknown as EventMetadata,
    streamId: event.streamId,
    revision: ledgerRevisionOf(event.revision),
    position: ledgerPositionOf(position),
  };
}

/** EventStoreDB's system streams and events start with `$`; the ledger's never do. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** A predicate for the ledger's own events in $all: not a system event, in one of our stream categories. */
export function ledgerEventFilter(streamPrefixes: readonly string[]): (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>) => boolean {
  return (event) => !isSystemEvent(event) && streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
}
