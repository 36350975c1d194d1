/**
 * The `_id` of a read model entry that stands for one event: `${streamId}:${revision}`, what both
 * the indicator history and the audit log use. The runner asks every projection of an event for
 * its ids and then builds its entries, one event after the other; remembering the last event's id
 * gives all of them one string (one copy in memory per event instead of four, hashed once).
 */
import type { RecordedEvent } from '../src/shared/messages';

/**
 * Joined, not concatenated: `join` writes one flat string, where `+` and templates make a rope of
 * pieces (two objects more per id, kept for as long as the entry: a million at a million events).
 */
export const eventEntryId = (streamId: string, revision: number): string => [streamId, revision].join(':');

let lastEvent: RecordedEvent | null = null;
let lastId = '';

/** `eventEntryId` of the event's stream and revision; the same string for the same event object. */
export function entryIdOf(event: RecordedEvent): string {
  if (event !== lastEvent) {
    lastId = eventEntryId(event.streamId, event.revision);
    lastEvent = event;
  }
  return lastId;
}
