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
import type { NewEvent, RecordedEvent } from '../../shared/messages';
import { EventIdConflictError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';

export function findStoredBatch(
  streamId: string,
  stored: readonly RecordedEvent[],
  batch: readonly NewEvent[],
  expected: ExpectedRevision,
): AppendResult | null {
  if (batch.length === 0) return null;
  const indexById = new Map(stored.map((event, index) => [event.metadata.eventId, index]));
  const currentRevision = stored.length > 0 ? stored[stored.length - 1].revision : null;
  const conflict = (eventId: string) => {
    const index = indexById.get(eventId);
    const storedIn = index === undefined ? null : { streamId, revision: stored[index].revision };
    return new EventIdConflictError(streamId, expected, currentRevision, eventId, storedIn);
  };

  const first = indexById.get(batch[0].metadata.eventId);
  if (first === undefined) {
    // A later id of the batch already stored while the first is new: a different batch reusing ids.
    const reused = batch.find((event) => indexById.has(event.metadata.eventId));
    if (reused) throw conflict(reused.metadata.eventId);
    return null;
  }
  for (let i = 0; i < batch.length; i += 1) {
    if (stored[first + i]?.metadata.eventId !== batch[i].metadata.eventId) throw conflict(batch[i].metadata.eventId);
  }
  const last = stored[first + batch.length - 1];
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
