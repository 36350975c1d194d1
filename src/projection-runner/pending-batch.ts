/**
 * The documents a runner has changed since its last commit, and the position they reflect.
 * It doubles as a read-through cache: an event that touches a document already loaded or changed
 * in this batch must see that version, not the stale one still in the read store.
 */
import type { ProjectedDocument } from '../../projections/projection';

export class PendingBatch {
  /** collection → _id → document as of this batch (null: known not to exist). */
  private readonly known = new Map<string, Map<string, ProjectedDocument | null>>();
  private readonly changed = new Map<string, Map<string, ProjectedDocument>>();
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

  async load(collection: string, id: string, fetch: () => Promise<ProjectedDocument | null>): Promise<ProjectedDocument | null> {
    const documents = this.documentsOf(collection);
    if (documents.has(id)) return documents.get(id) ?? null;
    const fetched = await fetch();
    documents.set(id, fetched);
    return fetched;
  }

  stage(collection: string, document: ProjectedDocument): void {
    this.documentsOf(collection).set(document._id, document);
    let changes = this.changed.get(collection);
    if (!changes) this.changed.set(collection, (changes = new Map()));
    changes.set(document._id, document);
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
    this.known.clear();
    this.changed.clear();
    this.events = 0;
    this.reached = null;
  }

  private documentsOf(collection: string): Map<string, ProjectedDocument | null> {
    let documents = this.known.get(collection);
    if (!documents) this.known.set(collection, (documents = new Map()));
    return documents;
  }
}
