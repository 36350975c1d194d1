/**
 * "Is this batch already stored?" — the port's idempotency rule, decided from the stream's events.
 *
 * EventStoreDB answers a retried batch idempotently only when it is retried with the expected
 * revision it was first written with, or with a revision before it; retried with the stream's
 * current revision after it moved on, the server would store it a second time. The adapter
 * therefore looks for the batch in the stream itself first, with the same rule as the SQLite
 * adapter: the batch counts as stored when its first id is in the stream and every id follows,
 * consecutive and in order; any other reuse of stored ids is an `EventIdConflictError`.
 */
import type { NewEvent } from '../../shared/messages';
import { EventIdConflictError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import type { StoredStream } from './stored-event-ids';

export function findStoredBatch(streamId: string, stored: StoredStream, batch: readonly NewEvent[], expected: ExpectedRevision): AppendResult | null {
  if (batch.length === 0) return null;
  const currentRevision = stored.last?.revision ?? null;
  const conflict = (eventId: string) => {
    const index = stored.indexOf(eventId);
    const storedIn = index === undefined ? null : { streamId, revision: stored.at(index)!.revision };
    return new EventIdConflictError(streamId, expected, currentRevision, eventId, storedIn);
  };

  const first = stored.indexOf(batch[0].metadata.eventId);
  if (first === undefined) {
    // A later id of the batch already stored while the first is new: a different batch reusing ids.
    const reused = batch.find((event) => stored.indexOf(event.metadata.eventId) !== undefined);
    if (reused) throw conflict(reused.metadata.eventId);
    return null;
  }
  for (let i = 0; i < batch.length; i += 1) {
    if (stored.at(first + i)?.eventId !== batch[i].metadata.eventId) throw conflict(batch[i].metadata.eventId);
  }
  const last = stored.at(first + batch.length - 1)!;
  return { nextRevision: last.revision, position: last.position };
}

/** Repeated ids within one batch would make EventStoreDB store a half-idempotent mess: refuse them up front. */
export function firstRepeatedId(batch: readonly NewEvent[]): string | null {
  const seen = new Set<string>();
  for (const event of batch) {
    if (seen.has(event.metadata.eventId)) return event.metadata.eventId;
    seen.add(event.metadata.eventId);
  }
  return null;
}
