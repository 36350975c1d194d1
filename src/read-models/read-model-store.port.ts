/**
 * Where the projection runner keeps read models: one table (SQLite) or collection (MongoDB) per
 * *generation* of a read model, and a catalog saying which generation serves queries, which is
 * being built beside it, and the checkpoint each has reached.
 *
 * A generation is built from the whole ledger by one version of the projection's code. A new
 * version (or `npm run projections:rebuild`) starts a new generation beside the serving one; when
 * it has caught up, `activate` swaps it in and retires the old one, so queries never read an empty
 * or half-built read model. The checkpoint lives in the catalog and moves in the same transaction
 * as the documents it covers.
 *
 * The queries do not use this port: each read model has a query interface of its own
 * (src/read-models/<name>/), answered by the same database.
 */
import type { AnyProjection, ProjectedDocument } from '../../projections/projection';
import type { StorageFault } from '../shared/storage-fault';

export type GenerationState = 'building' | 'serving' | 'retired';

export interface Generation {
  readModel: string;
  /** 1, 2, 3…: a new number for every build, never reused. */
  generation: number;
  /** The projection version that builds it. */
  version: number;
  state: GenerationState;
  /** The fields and indexes it was laid out with (`layoutOf`): queries written for another layout cannot read it. */
  layout: string;
  /** Every event up to this global position is reflected in its documents. */
  position: number;
  /** Its secondary indexes exist (they are created once a build has caught up: loading without them is faster). */
  indexed: boolean;
}

/** One generation's share of a commit: the documents that changed and the position they now reflect. */
export interface GenerationWrite {
  projection: AnyProjection;
  generation: Generation;
  documents: readonly ProjectedDocument[];
  position: number;
}

export interface ReadModelStore {
  readonly kind: 'sqlite' | 'mongodb';
  /** The catalog: every generation of every read model, current as stored. */
  generations(): Promise<Generation[]>;
  /** A new, empty generation of the read model (no secondary indexes yet), recorded in the catalog. */
  createGeneration(projection: AnyProjection, state: 'building' | 'serving'): Promise<Generation>;
  /** Creates the generation's declared indexes and records that it has them. */
  createIndexes(projection: AnyProjection, generation: Generation): Promise<Generation>;
  /** The stored documents with these ids (absent ids are absent from the map). */
  load(projection: AnyProjection, generation: Generation, ids: readonly string[]): Promise<Map<string, ProjectedDocument>>;
  /**
   * Writes every generation's documents and moves each one's checkpoint, all in one transaction.
   * A checkpoint only moves forward: a write behind the stored one is refused whole
   * (CheckpointBehindError), so a runner that lost its lease cannot roll a read model back.
   */
  commit(writes: readonly GenerationWrite[]): Promise<void>;
  /**
   * Makes a caught-up generation the one that serves its read model; the one serving until now is
   * retired (kept until `drop`, so a reader that looked the catalog up just before still finds it).
   */
  activate(generation: Generation): Promise<void>;
  /** Every document of a generation, by `_id`: for comparing a generation with a rebuild, and for tests. */
  documents(generation: Generation): Promise<ProjectedDocument[]>;
  /** Removes a generation's documents and its catalog entry. */
  drop(generation: Generation): Promise<void>;
  /** Resolves when the store answers a trivial request; for health checks. */
  ping(): Promise<void>;
  /** The storage fault that stopped the last write, if it still holds (see EventStore.storageFault). */
  storageFault?(): StorageFault | null;
  close(): Promise<void>;
}

/** The layout a generation is stored in: what its queries rely on. */
export function layoutOf(projection: Pick<AnyProjection, 'fields' | 'indexes'>): string {
  return JSON.stringify({ fields: projection.fields, indexes: projection.indexes });
}

/** The table or collection holding a generation's documents: `indicators_g3`. */
export function generationName(generation: Pick<Generation, 'readModel' | 'generation'>): string {
  return `${generation.readModel}_g${generation.generation}`;
}

/** Where the served read models stand: the lowest checkpoint among the serving generations (0 with none). */
export function servedPosition(generations: readonly Generation[]): number {
  const serving = generations.filter((generation) => generation.state === 'serving');
  return serving.length === 0 ? 0 : Math.min(...serving.map((generation) => generation.position));
}
