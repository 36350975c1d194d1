/**
 * Takes one event into a pending batch: every projection that handles its type evolves each
 * document the event touches, from that document's latest version (the batch's, else the store's).
 *
 * On a store that lends its documents (`peekDocument`, the in-memory store) this is synchronous:
 * no promise per event, and the store's own objects are evolved without a copy (projections are
 * pure: they never change what they are given). On a store asked by queries (MongoDB) the
 * documents the batch does not know are fetched first, once per batch.
 */
import type { ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import type { RecordedLedgerEvent } from '../domain/events';
import type { ReadStore } from '../read-store/read-store.port';
import type { RecordedEvent } from '../shared/messages';
import type { PendingBatch } from './pending-batch';

export class EventApplier {
  private readonly projectionsByType = new Map<string, ProjectionDefinition<ProjectedDocument>[]>();
  /** The store's own documents, lent without a copy, when it keeps them as objects (in memory). */
  private readonly peek: ReadStore['peekDocument'];

  constructor(
    projections: readonly ProjectionDefinition<ProjectedDocument>[],
    private readonly readStore: ReadStore,
    private readonly batch: PendingBatch,
  ) {
    this.peek = readStore.peekDocument?.bind(readStore);
    for (const projection of projections) {
      for (const type of projection.handles) {
        const list = this.projectionsByType.get(type) ?? [];
        list.push(projection);
        this.projectionsByType.set(type, list);
      }
    }
  }

  /** Takes one event into the batch; a promise only when documents must be fetched first. */
  apply(event: RecordedEvent): Promise<void> | undefined {
    if (!this.peek) return this.applyFetching(event);
    const peek = this.peek;
    this.evolveEach(event, (collection, id) => peek(collection, id) as ProjectedDocument | null);
    this.batch.taken(event.position);
    return undefined;
  }

  /** The same as `apply`, for a store asked by queries: each unknown document is fetched first. */
  private async applyFetching(event: RecordedEvent): Promise<void> {
    const missing: Array<{ collection: string; id: string }> = [];
    this.documentIdsOf(event, (collection, id) => {
      if (this.batch.known(collection, id) === undefined) missing.push({ collection, id });
    });
    for (const { collection, id } of missing) if (this.batch.known(collection, id) === undefined) await this.fetch(collection, id);
    this.evolveEach(event, () => {
      throw new Error('Every document of the event was fetched before it was applied');
    });
    this.batch.taken(event.position);
  }

  /**
   * Evolves every document the event touches from its latest version: the batch's, else what
   * `load` gives (called only for documents the batch does not know).
   */
  private evolveEach(event: RecordedEvent, load: (collection: string, id: string) => ProjectedDocument | null): void {
    // `handles` lists ledger event types, so an event that reaches a projection is a ledger event.
    const ledgerEvent = event as RecordedLedgerEvent;
    const projections = this.projectionsByType.get(event.type);
    if (projections === undefined) return;
    for (const projection of projections) {
      const ids = projection.documentIds(ledgerEvent);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (ids.indexOf(id) < i) continue; // an id listed twice is evolved once
        if (projection.writeOnce) {
          // Built from this event alone: nothing to look up, and rebuilt identical on a replay.
          this.batch.stage(projection.collection, projection.evolve(null, ledgerEvent, id));
          continue;
        }
        let current = this.batch.known(projection.collection, id);
        if (current === undefined) current = load(projection.collection, id);
        // Guarded by position: an event a stored document already reflects is not applied twice.
        if (current && event.position <= current.lastPosition) continue;
        // Projections are pure: `current` (possibly the store's own object) is never changed.
        this.batch.stage(projection.collection, projection.evolve(current, ledgerEvent, id));
      }
    }
  }

  /**
   * Calls `visit` for each document the event evolves from a stored version, in the order
   * `evolveEach` evolves them: write-once documents are never read.
   */
  private documentIdsOf(event: RecordedEvent, visit: (collection: string, id: string) => void): void {
    const ledgerEvent = event as RecordedLedgerEvent;
    for (const projection of this.projectionsByType.get(event.type) ?? []) {
      if (projection.writeOnce) continue;
      for (const id of projection.documentIds(ledgerEvent)) visit(projection.collection, id);
    }
  }

  private async fetch(collection: string, id: string): Promise<void> {
    const document = await this.readStore.collection<ProjectedDocument>(collection).findOne({ _id: id });
    this.batch.remember(collection, id, document);
  }
}
