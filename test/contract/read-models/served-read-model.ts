/**
 * A read model of the contract ledger, stored in a serving generation of the store under test, and
 * its query interface: what each read model's contract suite asks its questions of.
 */
import type { ProjectedDocument, ProjectionDefinition } from '../../../projections/projection';
import { readModelOn } from '../../../src/infrastructure/read-model-providers';
import { ReadModelAvailability } from '../../../src/read-models/read-model-availability';
import type { Generation, ReadModelStore } from '../../../src/read-models/read-model-store.port';
import { storedReadModel } from '../../support/read-model-store';
import type { OpenedStore, StoreTarget } from '../read-model-store-targets';
import { documentsOf, LEDGER_HEAD } from './contract-ledger';

export interface ServedReadModel<Q, D extends ProjectedDocument> {
  /** The read model's documents from the contract ledger, by `_id`: what every reference answer is computed from. */
  readonly documents: D[];
  queries: Q;
  store: ReadModelStore;
  generation: Generation;
}

/** Registers the suite's beforeAll and afterAll; the fields are set once beforeAll has run. */
export function servedReadModel<Q, D extends ProjectedDocument>(target: StoreTarget, projection: ProjectionDefinition<D>, token: abstract new () => Q): ServedReadModel<Q, D> {
  const served = { documents: documentsOf(projection) } as ServedReadModel<Q, D>;
  let opened: OpenedStore | undefined;
  beforeAll(async () => {
    opened = await target.open(projection.name);
    // Written in reverse `_id` order, so a query gets its order right only by sorting.
    const { generation } = await storedReadModel(projection, [...served.documents].reverse(), LEDGER_HEAD, opened.store);
    served.store = opened.store;
    served.generation = generation;
    served.queries = readModelOn(token, opened.store, new ReadModelAvailability());
  });
  afterAll(async () => {
    await opened?.dispose();
  });
  return served;
}

/** The first test of every suite: the store keeps each document exactly (no field added, lost or turned to null). */
export function itStoresTheDocumentsAsProjected(served: ServedReadModel<unknown, ProjectedDocument>): void {
  it('stores every document exactly as the projection made it', async () => {
    expect(served.documents.length).toBeGreaterThan(0);
    expect(await served.store.documents(served.generation)).toStrictEqual(served.documents);
  });
}

/** fast-check runs per property: enough combinations to meet every filter together, few enough for a server round trip each. */
export const PROPERTY_RUNS = 120;
