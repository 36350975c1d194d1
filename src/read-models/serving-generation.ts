/** The lookup every read-model query starts with: which table or collection answers it, if any may. */
import type { AnyProjection } from '../../projections/projection';
import { ReadModelRebuildingError } from './read-model.errors';
import type { ReadModelAvailability } from './read-model-availability';
import { generationName, layoutOf, type Generation } from './read-model-store.port';

/**
 * The name of the serving generation's table or collection. Refused (503) while the ledger is
 * behind the read models, and while the serving generation was laid out for other queries than
 * this code asks (a rebuild after an upgrade is under way) or none serves yet.
 */
export function servingName(projection: AnyProjection, serving: Generation | null, availability: ReadModelAvailability): string {
  availability.assertAvailable();
  if (!serving || serving.layout !== layoutOf(projection)) throw new ReadModelRebuildingError(projection.name);
  return generationName(serving);
}
