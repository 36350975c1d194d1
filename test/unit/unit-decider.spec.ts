import { decideUnit, evolveUnit, initialUnitState, type UnitCommand, type UnitState } from '../../src/domain/unit/decider';
import type { UnitEvent } from '../../src/domain/unit/events';
import { ForbiddenError, NotFoundError } from '../../src/shared/errors';
import { specFor } from '../support/decider-spec';
import { actors } from '../support/indicator-fixtures';

const given = specFor<UnitCommand, UnitEvent, UnitState>({ decide: decideUnit, evolve: evolveUnit, initialState: initialUnitState });

const registered: UnitEvent = {
  type: 'UnitRegistered',
  data: { unitId: 'phong-kinh-te', name: 'Phòng Kinh tế', namedInResolution: false },
};
const ctx = { actor: actors.coordinator };

describe('Unit decider', () => {
  it('registers a unit once', () => {
    given([]).when({ type: 'RegisterUnit', data: registered.data, context: ctx }).then([registered]);
    given([registered]).when({ type: 'RegisterUnit', data: registered.data, context: ctx }).thenFails('UNIT_ALREADY_REGISTERED');
  });

  it('needs a name', () => {
    given([]).when({ type: 'RegisterUnit', data: { ...registered.data, name: ' ' }, context: ctx }).thenFails('NAME_REQUIRED');
  });

  it('renames with a reason, keeping the previous name', () => {
    given([registered])
      .when({ type: 'RenameUnit', data: { unitId: 'phong-kinh-te', name: 'Phòng Kinh tế - Hạ tầng', reason: 'Sáp nhập' }, context: ctx })
      .then([{ type: 'UnitRenamed', data: { unitId: 'phong-kinh-te', previousName: 'Phòng Kinh tế', name: 'Phòng Kinh tế - Hạ tầng', reason: 'Sáp nhập' } }]);
    given([registered])
      .when({ type: 'RenameUnit', data: { unitId: 'phong-kinh-te', name: 'Phòng Kinh tế', reason: 'x' }, context: ctx })
      .thenFails('NAME_UNCHANGED');
    given([registered])
      .when({ type: 'RenameUnit', data: { unitId: 'phong-kinh-te', name: 'Mới', reason: '' }, context: ctx })
      .thenFails('REASON_REQUIRED');
  });

  it('deactivates once, with a reason and a decision, and then refuses changes', () => {
    const deactivate: UnitCommand = { type: 'DeactivateUnit', data: { unitId: 'phong-kinh-te', reason: 'Giải thể', decisionRef: '12-QĐ/UBND' }, context: ctx };
    given([registered]).when(deactivate).then([{ type: 'UnitDeactivated', data: deactivate.data as { unitId: string; reason: string; decisionRef: string } }]);
    const deactivated: UnitEvent = { type: 'UnitDeactivated', data: { unitId: 'phong-kinh-te', reason: 'Giải thể', decisionRef: '12-QĐ/UBND' } };
    given([registered, deactivated]).when(deactivate).thenFails('UNIT_INACTIVE');
    given([registered, deactivated])
      .when({ type: 'RenameUnit', data: { unitId: 'phong-kinh-te', name: 'Khác', reason: 'x' }, context: ctx })
      .thenFails('UNIT_INACTIVE');
    given([registered]).when({ ...deactivate, data: { ...deactivate.data, decisionRef: '' } } as UnitCommand).thenFails('DECISION_REF_REQUIRED');
  });

  it('refuses changes to a unit that does not exist', () => {
    given([]).when({ type: 'RenameUnit', data: { unitId: 'x', name: 'y', reason: 'z' }, context: ctx }).thenFails('UNIT_NOT_FOUND', NotFoundError);
  });

  it('is for coordinators and the standing committee only', () => {
    for (const actor of [actors.reporterA, actors.inspector, actors.analyst]) {
      given([]).when({ type: 'RegisterUnit', data: registered.data, context: { actor } }).thenFails('ROLE_NOT_ALLOWED', ForbiddenError);
    }
  });
});
