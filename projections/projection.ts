/**
 * What a read model is: pure functions from events to documents, plus what its queries need from
 * the database that stores it (the fields they filter and sort on, and the indexes over them). No
 * Nest, no driver: the runner in src/projection-runner applies them to the configured store, and
 * each store (SQLite, MongoDB) lays the same declarations out in its own terms.
 */
import type { LedgerEvent, LedgerEventType } from '../src/domain/events';
import type { RecordedEvent } from '../src/shared/messages';

/** Every read-model document has a string `_id`. */
export interface ReadDocument {
  _id: string;
}

/** Every document remembers the global position of the last event applied to it, to skip replays. */
export interface ProjectedDocument extends ReadDocument {
  lastPosition: number;
}

/**
 * For every event type of the ledger, whether the read model handles it. A `Record` over the whole
 * union: a new event type fails the build until every read model has decided.
 */
export type EventHandling = Readonly<Record<LedgerEventType, 'handle' | 'ignore'>>;

/** How a queried field is stored where the store needs a type for it (a SQLite column). */
export type FieldType = 'text' | 'integer' | 'real' | 'boolean';

/**
 * A field the read model's queries filter or sort on. `path` is the dotted path in the document
 * (MongoDB queries and indexes use it as it is); the SQLite store keeps the value in a column named
 * after the field. `many`: the path crosses an array, and a document matches each value in it.
 */
export interface QueryField {
  path: string;
  type: FieldType;
  many?: boolean;
}

export interface IndexDeclaration {
  name: string;
  /** Names of declared fields (or `_id`), in key order, ascending. */
  fields: readonly string[];
  unique?: boolean;
}

export interface ProjectionDefinition<D extends ProjectedDocument> {
  /** The read model's name: its tables or collections are named after it. */
  name: string;
  /**
   * Bumped whenever the documents change shape or meaning (new fields, another evolve): a store
   * holding another version builds this one beside it from the whole ledger and swaps it in when it
   * has caught up (src/read-models/read-model-lifecycle.ts).
   */
  version: number;
  events: EventHandling;
  fields: Readonly<Record<string, QueryField>>;
  indexes: readonly IndexDeclaration[];
  /** The `_id`s of the documents an event changes (a reassignment changes two units). */
  documentIds(event: RecordedEvent<LedgerEvent>): string[];
  /**
   * True when each document stands for one event and is built from that event alone (the history's
   * and the audit log's entries): the runner then does not read it before evolving (it calls
   * `evolve` with null). A replayed event rebuilds the same document, so writing it again changes nothing.
   */
  writeOnce?: boolean;
  /**
   * The document after the event. `current` is null when the document does not exist yet.
   * Must be pure and must return `current` unchanged when `event.position <= current.lastPosition`.
   */
  evolve(current: D | null, event: RecordedEvent<LedgerEvent>, documentId: string): D;
}

export type AnyProjection = ProjectionDefinition<ProjectedDocument>;

/** The event types a read model handles, in the order of its declaration. */
export function handledTypes(projection: Pick<AnyProjection, 'events'>): LedgerEventType[] {
  return (Object.keys(projection.events) as LedgerEventType[]).filter((type) => projection.events[type] === 'handle');
}
