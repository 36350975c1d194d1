/**
 * The documents a runner has changed since its last commit, and the position they reflect: the
 * batch's working set. An event that touches a document already changed in this batch evolves that
 * version, not the stale one still in the store; each document is written once per commit.
 * Documents read from the store are remembered too, found or not, so a batch asks for each once.
 */
import type { ProjectedDocument } from '../../projections/projection';

type DocumentsById = Map<string, ProjectedDocument>;

export class PendingBatch {
  /** target key → _id → document as of this batch. */
  private readonly changed = new Map<string, DocumentsById>();
  /** target key → _id → document as read, unchanged so far (null: known not to exist). */
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
  known(key: string, id: string): ProjectedDocument | null | undefined {
    const document = this.changed.get(key)?.get(id);
    if (document !== undefined) return document;
    return this.fetched.get(key)?.get(id);
  }

  /** Remembers what the store answered for a document, so it is not asked again in this batch. */
  remember(key: string, id: string, document: ProjectedDocument | null): void {
    let documents = this.fetched.get(key);
    if (!documents) this.fetched.set(key, (documents = new Map()));
    documents.set(id, document);
  }

  stage(key: string, document: ProjectedDocument): void {
    let documents = this.changed.get(key);
    if (!documents) this.changed.set(key, (documents = new Map()));
    documents.set(document._id, document);
  }

  /** Counts an event in, whether or not it changed anything: its position still moves the checkpoint. */
  taken(position: number): void {
    this.events += 1;
    this.reached = position;
  }

  /** The documents changed for one target. */
  documents(key: string): ProjectedDocument[] {
    const documents = this.changed.get(key);
    return documents ? [...documents.values()] : [];
  }

  /** Forgets everything, after a commit or after a failure (the events will be replayed). */
  clear(): void {
    this.changed.clear();
    this.fetched.clear();
    this.events = 0;
    this.reached = null;
  }
}
