/**
 * Which generation of each read model the code can write, and what must be built: pure decisions
 * over the catalog, so they are tested without a store.
 *
 * - A serving generation built by this version of the projection (same version, same layout) is
 *   *live*: the live runner keeps it up to date.
 * - A serving generation of another version is *frozen*: this code cannot apply events to it, so it
 *   answers as it stands while a generation of this version is built beside it.
 * - A building generation of this version is resumed; one of another version is dropped.
 * - No serving generation at all (a new store, a new read model): one is created serving, and the
 *   live runner fills it (the app catches up before it answers requests).
 */
import type { AnyProjection } from '../../projections/projection';
import { layoutOf, type Generation } from '../read-models/read-model-store.port';

export interface ReadModelPlan {
  projection: AnyProjection;
  serving: Generation | null;
  building: Generation | null;
  /** Generations to drop: retired ones, building ones of another version. */
  obsolete: Generation[];
  /** What to create: a first serving generation, or a building one beside a frozen one. */
  create: 'serving' | 'building' | null;
}

export function isBuiltBy(generation: Generation, projection: AnyProjection): boolean {
  return generation.version === projection.version && generation.layout === layoutOf(projection);
}

export function planReadModel(projection: AnyProjection, generations: readonly Generation[]): ReadModelPlan {
  const own = generations.filter((generation) => generation.readModel === projection.name);
  const serving = own.find((generation) => generation.state === 'serving') ?? null;
  const building = own.filter((generation) => generation.state === 'building');
  const resumable = building.find((generation) => isBuiltBy(generation, projection)) ?? null;
  const obsolete = own.filter((generation) => generation.state === 'retired' || (generation.state === 'building' && generation !== resumable));
  if (!serving) return { projection, serving: null, building: resumable, obsolete, create: resumable ? null : 'serving' };
  if (isBuiltBy(serving, projection)) {
    // Up to date: a building generation of this version is a rebuild someone asked for; it goes on.
    return { projection, serving, building: resumable, obsolete, create: null };
  }
  return { projection, serving, building: resumable, obsolete, create: resumable ? null : 'building' };
}

/** Serving generations this code keeps up to date. */
export function liveGenerations(projections: readonly AnyProjection[], generations: readonly Generation[]): Array<{ projection: AnyProjection; generation: Generation }> {
  return projections.flatMap((projection) => {
    const serving = generations.find((generation) => generation.readModel === projection.name && generation.state === 'serving');
    return serving && isBuiltBy(serving, projection) ? [{ projection, generation: serving }] : [];
  });
}

/** Generations of this code's versions being built beside the serving ones. */
export function buildingGenerations(projections: readonly AnyProjection[], generations: readonly Generation[]): Array<{ projection: AnyProjection; generation: Generation }> {
  return projections.flatMap((projection) => {
    const building = generations.find((generation) => generation.readModel === projection.name && generation.state === 'building' && isBuiltBy(generation, projection));
    return building ? [{ projection, generation: building }] : [];
  });
}

/** Serving generations of other versions: they answer as they stand until their successor is swapped in. */
export function frozenGenerations(projections: readonly AnyProjection[], generations: readonly Generation[]): Generation[] {
  return projections.flatMap((projection) => {
    const serving = generations.find((generation) => generation.readModel === projection.name && generation.state === 'serving');
    return serving && !isBuiltBy(serving, projection) ? [serving] : [];
  });
}
