/** What the catalog needs for each read model: pure decisions, every case of `planReadModel`. */
import type { AnyProjection } from '../../projections/projection';
import { unitsProjection } from '../../projections/units';
import { buildingGenerations, frozenGenerations, liveGenerations, planReadModel } from '../../src/projection-runner/generation-plan';
import { layoutOf, type Generation } from '../../src/read-models/read-model-store.port';

const units = unitsProjection as unknown as AnyProjection;
const unitsV2: AnyProjection = { ...units, version: 2 };

function generation(number: number, state: Generation['state'], version = 1, projection: AnyProjection = units): Generation {
  return { readModel: 'units', generation: number, version, state, layout: layoutOf(projection), position: 10 * number, indexed: state === 'serving' };
}

describe('planReadModel', () => {
  it('creates a first serving generation when the read model has none', () => {
    expect(planReadModel(units, [])).toEqual({ projection: units, serving: null, building: null, obsolete: [], create: 'serving' });
  });

  it('keeps a serving generation this version built, and creates nothing', () => {
    const serving = generation(1, 'serving');
    expect(planReadModel(units, [serving])).toMatchObject({ serving, building: null, obsolete: [], create: null });
    expect(liveGenerations([units], [serving])).toEqual([{ projection: units, generation: serving }]);
    expect(frozenGenerations([units], [serving])).toEqual([]);
  });

  it('freezes a serving generation of another version and builds this version beside it', () => {
    const serving = generation(1, 'serving');
    expect(planReadModel(unitsV2, [serving])).toMatchObject({ serving, building: null, obsolete: [], create: 'building' });
    expect(liveGenerations([unitsV2], [serving])).toEqual([]);
    expect(frozenGenerations([unitsV2], [serving])).toEqual([serving]);
  });

  it('resumes a building generation of this version, and drops one of another version', () => {
    const serving = generation(1, 'serving');
    const ours = generation(3, 'building', 2, unitsV2);
    const stale = generation(2, 'building', 1);
    expect(planReadModel(unitsV2, [serving, stale, ours])).toMatchObject({ serving, building: ours, obsolete: [stale], create: null });
    expect(buildingGenerations([unitsV2], [serving, stale, ours])).toEqual([{ projection: unitsV2, generation: ours }]);
  });

  it('treats a same-version generation laid out with other fields as another version', () => {
    const relaid: AnyProjection = { ...units, fields: { ...units.fields, name: { path: 'name', type: 'text' } } };
    expect(planReadModel(relaid, [generation(1, 'serving')])).toMatchObject({ create: 'building' });
  });

  it('drops retired generations left behind, and lets a rebuild someone asked for go on', () => {
    const retired = generation(1, 'retired');
    const serving = generation(2, 'serving');
    const requested = generation(3, 'building');
    expect(planReadModel(units, [retired, serving, requested])).toMatchObject({ serving, building: requested, obsolete: [retired], create: null });
  });

  it('adopts a building generation when nothing serves', () => {
    const building = generation(1, 'building');
    expect(planReadModel(units, [building])).toMatchObject({ serving: null, building, obsolete: [], create: null });
  });
});
