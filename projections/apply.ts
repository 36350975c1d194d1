/**
 * Folds events into a projection's documents without a store: for tests, rebuilds in memory and
 * as-of replays. Pure: the given map is copied, never changed.
 */
import type { RecordedLedgerEvent } from '../src/domain/events';
import type { ProjectedDocument, ProjectionDefinition } from './projection';

export function applyAll<D extends ProjectedDocument>(
  projection: ProjectionDefinition<D>,
  events: readonly RecordedLedgerEvent[],
  documents: ReadonlyMap<string, D> = new Map(),
): Map<string, D> {
  const result = new Map(documents);
  for (const event of events) {
    if (projection.events[event.type] !== 'handle') continue;
    for (const id of projection.documentIds(event)) {
      // evolve itself skips events at or before the document's lastPosition, so replays are harmless.
      result.set(id, projection.evolve(result.get(id) ?? null, event, id));
    }
  }
  return result;
}
