/**
 * Takes events into a pending batch: every target whose projection handles an event's type, and
 * whose generation has not reflected it yet, evolves each document the event touches from that
 * document's latest version (the batch's, else the store's).
 *
 * The documents a group of events needs and the batch does not know are read from the store first,
 * in one request per target, so evolving never waits for the store event by event.
 */
import type { LedgerEventType, RecordedLedgerEvent } from '../domain/events';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import type { RecordedEvent } from '../shared/messages';
import type { PendingBatch } from './pending-batch';
import type { TrackedTarget } from './runner-target';

export class EventApplier {
  private targetsByType = new Map<string, TrackedTarget[]>();

  constructor(
    private readonly store: ReadModelStore,
    private readonly batch: PendingBatch,
  ) {}

  /** The targets events are applied to from now on. */
  use(targets: readonly TrackedTarget[]): void {
    this.targetsByType = new Map();
    for (const target of targets) {
      for (const [type, handling] of Object.entries(target.projection.events)) {
        if (handling !== 'handle') continue;
        const list = this.targetsByType.get(type) ?? [];
        list.push(target);
        this.targetsByType.set(type, list);
      }
    }
  }

  /** Takes the events, in order, into the batch. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    await this.fetchMissing(events);
    for (const event of events) this.evolveEach(event as RecordedLedgerEvent);
  }

  private evolveEach(event: RecordedLedgerEvent): void {
    for (const target of this.targetsOf(event)) {
      const { projection, key } = target;
      const ids = projection.documentIds(event);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (ids.indexOf(id) < i) continue; // an id listed twice is evolved once
        if (projection.writeOnce) {
          // Built from this event alone: nothing to look up, and rebuilt identical on a replay.
          this.batch.stage(key, projection.evolve(null, event, id));
          continue;
        }
        const current = this.batch.known(key, id);
        if (current === undefined) throw new Error(`Document ${key}/${id} was not fetched before it was evolved`);
        // Guarded by position: an event a stored document already reflects is not applied twice.
        if (current && event.position <= current.lastPosition) continue;
        this.batch.stage(key, projection.evolve(current, event, id));
      }
    }
    this.batch.taken(event.position);
  }

  /** Reads every document the events will evolve that the batch does not know yet: one request per target. */
  private async fetchMissing(events: readonly RecordedEvent[]): Promise<void> {
    const missing = new Map<TrackedTarget, Set<string>>();
    for (const event of events) {
      for (const target of this.targetsOf(event as RecordedLedgerEvent)) {
        if (target.projection.writeOnce) continue;
        for (const id of target.projection.documentIds(event as RecordedLedgerEvent)) {
          if (this.batch.known(target.key, id) !== undefined) continue;
          let ids = missing.get(target);
          if (!ids) missing.set(target, (ids = new Set()));
          ids.add(id);
        }
      }
    }
    for (const [target, ids] of missing) {
      const found = await this.store.load(target.projection, target.generation, [...ids]);
      for (const id of ids) this.batch.remember(target.key, id, found.get(id) ?? null);
    }
  }

  /** The targets that handle the event and have not reflected it yet. */
  private targetsOf(event: RecordedLedgerEvent): TrackedTarget[] {
    const targets = this.targetsByType.get(event.type as LedgerEventType);
    if (!targets) return [];
    return targets.filter((target) => event.position > target.position);
  }
}
