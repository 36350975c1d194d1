/**
 * In-process, one command at a time per stream. Commands on the same stream that arrive together
 * would otherwise all read the same revision, and all but one would lose the append and have to
 * retry; with enough of them a bounded retry runs out and a valid command fails. Queueing them
 * here makes each one decide on the state its predecessor left, so only writers in *other*
 * processes can still conflict — and those are detected by the expected-revision check.
 *
 * Locks are per event store instance (tests run several applications in one process).
 */
import type { EventStore } from '../event-store/event-store.port';

const tailsByStore = new WeakMap<EventStore, Map<string, Promise<unknown>>>();

export async function withStreamLock<T>(eventStore: EventStore, streamId: string, work: () => Promise<T>): Promise<T> {
  let tails = tailsByStore.get(eventStore);
  if (!tails) {
    tails = new Map();
    tailsByStore.set(eventStore, tails);
  }
  const previous = tails.get(streamId) ?? Promise.resolve();
  const run = previous.then(work, work);
  // The queue's tail settles either way, so one failed command never blocks the next.
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(streamId, tail);
  try {
    return await run;
  } finally {
    if (tails.get(streamId) === tail) tails.delete(streamId);
  }
}
