/** Every document of each read model's serving generation: for comparing a store with a rebuild of it. */
import type { AnyProjection, ProjectedDocument } from '../../projections/projection';
import type { ReadModelStore } from './read-model-store.port';

export async function servingDocuments(store: ReadModelStore, projections: readonly AnyProjection[]): Promise<Map<string, ProjectedDocument[]>> {
  const generations = await store.generations();
  const result = new Map<string, ProjectedDocument[]>();
  for (const projection of projections) {
    const serving = generations.find((generation) => generation.readModel === projection.name && generation.state === 'serving');
    result.set(projection.name, serving ? await store.documents(serving) : []);
  }
  return result;
}
