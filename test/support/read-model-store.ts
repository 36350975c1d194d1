/** A read-model store holding given documents in a serving generation: for projection and query tests. */
import type { AnyProjection, ProjectedDocument } from '../../projections/projection';
import type { Generation, ReadModelStore } from '../../src/read-models/read-model-store.port';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';

export interface StoredReadModel {
  store: ReadModelStore;
  generation: Generation;
}

/** Writes the documents into a new serving generation (indexed), at checkpoint `position`. */
export async function storedReadModel<D extends ProjectedDocument>(
  projection: AnyProjection,
  documents: readonly D[],
  position = documents.length,
  store: ReadModelStore = new SqliteReadModelStore({ filename: ':memory:' }),
): Promise<StoredReadModel> {
  const created = await store.createGeneration(projection, 'serving');
  const generation = await store.createIndexes(projection, created);
  await store.commit([{ projection, generation, documents, position }]);
  return { store, generation: { ...generation, position } };
}

/** Documents sorted by `_id`, as a store lists them. */
export function byId<D extends ProjectedDocument>(documents: Iterable<D>): D[] {
  return [...documents].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
