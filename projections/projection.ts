/**
 * What a read model is: pure functions from events to documents. No Nest, no driver: the runner in
 * src/projection-runner applies them to whichever read store is configured.
 */
import type { LedgerEvent, LedgerEventType } from '../src/domain/events';
import type { RecordedEvent } from '../src/shared/messages';
import type { IndexDefinition, ReadDocument } from '../src/read-store/read-store.port';

/** Every document remembers the global position of the last event applied to it, to skip replays. */
export interface ProjectedDocument extends ReadDocument {
  lastPosition: number;
}

export interface ProjectionDefinition<D extends ProjectedDocument> {
  /** Collection name in the read store. */
  collection: string;
  handles: readonly LedgerEventType[];
  indexes: readonly IndexDefinition[];
  /** The `_id`s of the documents an event changes (a reassignment changes two units). */
  documentIds(event: RecordedEvent<LedgerEvent>): string[];
  /**
   * True when each document stands for one event and is built from that event alone (the history's
   * and the audit log's entries): the runner then neither reads it before evolving (it calls
   * `evolve` with null) nor keeps it from being written again. A replayed event rebuilds the same
   * document from the same event, so writing it again changes nothing.
   */
  writeOnce?: boolean;
  /**
   * The document after the event. `current` is null when the document does not exist yet.
   * Must be pure and must return `current` unchanged when `event.position <= current.lastPosition`.
   */
  evolve(current: D | null, event: RecordedEvent<LedgerEvent>, documentId: string): D;
}
