/** What a projection runner writes: a projection and the generation of its read model it builds. */
import type { AnyProjection } from '../../projections/projection';
import type { Generation } from '../read-models/read-model-store.port';
import { generationName } from '../read-models/read-model-store.port';

export interface RunnerTarget {
  projection: AnyProjection;
  generation: Generation;
}

/** The generations a runner writes, looked up again each time it (re)subscribes: another process may have swapped them. */
export type TargetSource = () => Promise<RunnerTarget[]>;

/** A target as the runner follows it: the position its generation has reached. */
export interface TrackedTarget extends RunnerTarget {
  /** The batch's documents of this target are kept under this key. */
  key: string;
  position: number;
}

export function tracked(target: RunnerTarget): TrackedTarget {
  return { ...target, key: generationName(target.generation), position: target.generation.position };
}
