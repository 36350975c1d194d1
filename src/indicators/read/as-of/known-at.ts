/**
 * Which of a stream's events were known at a moment: the longest prefix of the stream recorded at
 * or before it. A prefix, not a filter on the timestamp: an event is only ever known together with
 * every event before it in its stream (it was decided on their state), so a later revision with an
 * earlier timestamp — a server clock that stepped back — cannot make the past look different.
 */
import type { RecordedEvent } from '../../../shared/messages';

export function eventsKnownAt<E extends RecordedEvent>(events: readonly E[], moment: Date): E[] {
  const limit = moment.getTime();
  const end = events.findIndex((event) => Date.parse(event.metadata.recordedAt) > limit);
  return end === -1 ? [...events] : events.slice(0, end);
}
