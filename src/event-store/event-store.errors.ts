/** Errors raised by event store adapters, beyond the shared `ConcurrencyError`. */
import { ConcurrencyError, LedgerError } from '../shared/errors';
import type { ExpectedRevision } from './event-store.port';

/**
 * An append reused event ids that are already stored, but not as this very batch in this stream
 * (only some ids match, the order differs, or the ids belong to another stream). It extends
 * `ConcurrencyError` on purpose: EventStoreDB answers a partial idempotent match with "wrong
 * expected version", and the HTTP layer already maps `ConcurrencyError` to 409 in one place.
 */
export class EventIdConflictError extends ConcurrencyError {
  constructor(
    streamId: string,
    expectedRevision: ExpectedRevision,
    currentRevision: number | null,
    /** The first id of the batch that is already stored elsewhere or out of order. */
    readonly eventId: string,
    /** Where that id is stored, when known. */
    readonly storedIn: { streamId: string; revision: number } | null,
  ) {
    super(streamId, expectedRevision, currentRevision);
    const where = storedIn ? ` (stored as ${storedIn.streamId}@${storedIn.revision})` : '';
    this.message = `Event id ${eventId}${where} is already stored, but the batch appended to ${streamId} is not the same stored batch`;
  }
}

/** The store was closed; nothing can be read from or appended to it any more. */
export class EventStoreClosedError extends LedgerError {
  readonly code = 'EVENT_STORE_CLOSED';

  constructor() {
    super('The event store is closed');
  }
}

/** A caller passed an argument the port does not allow (a negative revision, a zero page size). */
export class InvalidEventStoreArgumentError extends LedgerError {
  readonly code = 'INVALID_EVENT_STORE_ARGUMENT';
}
