/** What every implementation of UnitsReadModel answers: every unit by id, or only the active or the deactivated ones; one unit by id. */
import { unitsProjection } from '../../../projections/units';
import { UnitsReadModel } from '../../../src/read-models/units/units.read-model';
import type { StoreTarget } from '../read-model-store-targets';
import { PLACEHOLDER_UNIT } from './contract-ledger';
import { ids, sortedBy } from './reference';
import { itStoresTheDocumentsAsProjected, servedReadModel } from './served-read-model';

export function describeUnitsContract(target: StoreTarget): void {
  describe(`UnitsReadModel on ${target.name}`, () => {
    const served = servedReadModel(target, unitsProjection, UnitsReadModel);
    const byId = (active?: boolean) =>
      sortedBy(
        served.documents.filter((unit) => active === undefined || unit.active === active),
        [[(unit) => unit._id, 'asc']],
      );

    itStoresTheDocumentsAsProjected(served);

    it('lists every unit by id, placeholders included', async () => {
      const all = await served.queries.list();
      expect(all).toEqual(byId());
      expect(ids(all)).toContain(PLACEHOLDER_UNIT);
    });

    it('lists only the active units, or only the deactivated ones', async () => {
      const active = await served.queries.list(true);
      const deactivated = await served.queries.list(false);
      expect(active).toEqual(byId(true));
      expect(deactivated).toEqual(byId(false));
      expect(ids(deactivated)).toEqual(['phong-y-te']);
      expect(active.length + deactivated.length).toBe(served.documents.length);
    });

    it('gets each unit by id, and null for an unknown one', async () => {
      for (const unit of served.documents) expect(await served.queries.get(unit._id)).toEqual(unit);
      const placeholder = await served.queries.get(PLACEHOLDER_UNIT);
      expect(placeholder).toMatchObject({ name: null, registeredAt: null, namedInResolution: null });
      expect(await served.queries.get('no-such-unit')).toBeNull();
    });
  });
}
