/** What every implementation of ResolutionsReadModel answers: every resolution, the latest year first (unknown years last, ties by id); one by id. */
import { resolutionsProjection } from '../../../projections/resolutions';
import { ResolutionsReadModel } from '../../../src/read-models/resolutions/resolutions.read-model';
import type { StoreTarget } from '../read-model-store-targets';
import { ids, sortedBy } from './reference';
import { itStoresTheDocumentsAsProjected, servedReadModel } from './served-read-model';

export function describeResolutionsContract(target: StoreTarget): void {
  describe(`ResolutionsReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, resolutionsProjection, ResolutionsReadModel);

    itStoresTheDocumentsAsProjected(served);

    it('lists the latest year first, resolutions known only by name last, ties by id', async () => {
      const list = await served.queries.list();
      expect(ids(list)).toEqual(['hl-2022', 'hl-2021', 'qn-2021', 'hl-2020', 'ref-only-a', 'ref-only-b']);
      expect(list).toEqual(
        sortedBy(served.documents, [
          [(resolution) => resolution.year, 'desc'],
          [(resolution) => resolution._id, 'asc'],
        ]),
      );
    });

    it('gets each resolution by id, and null for an unknown one', async () => {
      for (const resolution of served.documents) expect(await served.queries.get(resolution._id)).toEqual(resolution);
      expect(await served.queries.get('ref-only-a')).toMatchObject({ year: null, title: null });
      expect(await served.queries.get('no-such-resolution')).toBeNull();
    });
  });
}
