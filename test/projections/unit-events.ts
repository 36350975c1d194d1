/** Unit-stream events and indicator events that move responsibility, for the units projection tests. */
import type { IndicatorRegistered, ResponsibilityReassigned } from '../../src/domain/indicator/events';
import type { UnitDeactivated, UnitRegistered, UnitRenamed } from '../../src/domain/unit/events';
import { registered as indicatorRegisteredFor } from './indicator-events';

export const BAN_TO_CHUC = 'ban-to-chuc-thanh-uy';
export const UBND = 'ubnd-thanh-pho';
export const SO_Y_TE = 'phong-y-te';

export function unitRegistered(unitId: string, name: string, data: Partial<UnitRegistered['data']> = {}): UnitRegistered {
  return { type: 'UnitRegistered', data: { unitId, name, namedInResolution: true, ...data } };
}

export function unitRenamed(unitId: string, previousName: string, name: string): UnitRenamed {
  return { type: 'UnitRenamed', data: { unitId, previousName, name, reason: 'Sắp xếp lại tổ chức bộ máy' } };
}

export function unitDeactivated(unitId: string): UnitDeactivated {
  return { type: 'UnitDeactivated', data: { unitId, reason: 'Sáp nhập vào đơn vị khác', decisionRef: '150-QĐ/TU' } };
}

export function indicatorRegistered(indicatorId: string, responsibleUnitId: string): IndicatorRegistered {
  return indicatorRegisteredFor({ indicatorId, responsibleUnitId });
}

export function responsibilityReassigned(indicatorId: string, fromUnitId: string, toUnitId: string): ResponsibilityReassigned {
  return {
    type: 'ResponsibilityReassigned',
    data: { indicatorId, fromUnitId, toUnitId, reason: 'Kiện toàn tổ chức bộ máy', decisionRef: '130-QĐ/TU' },
  };
}
