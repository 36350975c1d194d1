/**
 * The documents a runner has changed since its last commit, and the position they reflect: the
 * batch's working set. An event that touches a document already changed in this batch evolves that
 * version, not the stale one still in the read store; each document is written once per commit.
 *
 * Documents fetched from a store that is costly to ask (MongoDB) are remembered too, found or not,
 * so a batch asks for each one once. A store that lends its documents (`peekDocument`) is simply
 * asked again: that is a map lookup.
 */
import type { ProjectedDocument } from '../../projections/projection';

type DocumentsById = Map<string, ProjectedDocument>;

export class PendingBatch {
  /** collection → _id → document as of this batch. */
  private readonly changed = new Map<string, DocumentsById>();
  /** collection → _id → document as fetched, unchanged so far (null: known not to exist). */
  private readonly fetched = new Map<string, Map<string, ProjectedDocument | null>>();
  private events = 0;
  private reached: number | null = null;

  /** Events taken into the batch since the last commit, handled by a projection or not. */
  get eventCount(): number {
    return this.events;
  }

  /** Position of the last event taken in, or null when the batch is empty. */
  get position(): number | null {
    return this.reached;
  }

  /** The document as this batch knows it (null: it does not exist), or undefined when the store must be asked. */
  known(collection: string, id: string): ProjectedDocument | null | undefined {
    const document = this.changed.get(collection)?.get(id);
    if (document !== undefined) return document;
    return this.fetched.get(collection)?.get(id);
  }

  /** Remembers what the store answered for a document, so it is not asked again in this batch. */
  remember(collection: string, id: string, document: ProjectedDocument | null): void {
    let documents = this.fetched.get(collection);
    if (!documents) this.fetched.set(collection, (documents = new Map()));
    documents.set(id, document);
  }

  stage(collection: string, document: ProjectedDocument): void {
    let documents = this.changed.get(collection);
    if (!documents) this.changed.set(collection, (documents = new Map()));
    documents.set(document._id, document);
  }

  /** Counts an event in, whether or not it changed anything: its position still moves the checkpoint. */
  taken(position: number): void {
    this.events += 1;
    this.reached = position;
  }

  writes(): Map<string, ProjectedDocument[]> {
    return new Map([...this.changed].map(([collection, documents]) => [collection, [...documents.values()]]));
  }

  /** Forgets everything, after a commit or after a failure (the events will be replayed). */
  clear(): void {
    this.changed.clear();
    this.fetched.clear();
    this.events = 0;
    this.reached = null;
  }
}
