/** A small indicator and the actors around it, for decider tests. */
import type { IndicatorRegistered } from '../../src/domain/indicator/events';
import type { MilestoneTarget, NumericTarget } from '../../src/domain/indicator/target';
import type { Actor } from '../../src/shared/messages';

export const NOW = '2021-07-15T03:00:00.000Z';

export const actors = {
  reporterA: { id: 'reporter-a', unitId: 'unit-a', roles: ['reporter'] } as Actor,
  reporterB: { id: 'reporter-b', unitId: 'unit-b', roles: ['reporter'] } as Actor,
  coordinator: { id: 'coord', unitId: 'van-phong-thanh-uy', roles: ['coordinator'] } as Actor,
  standingCommittee: { id: 'btv', unitId: 'ban-thuong-vu', roles: ['standing_committee'] } as Actor,
  inspector: { id: 'insp', unitId: 'ubkt', roles: ['inspector'] } as Actor,
  analyst: { id: 'analyst', unitId: null, roles: ['analyst'] } as Actor,
};

export const newMembersTarget: NumericTarget = {
  metric: 'new_members',
  label: 'Kết nạp mới từ 450 đảng viên trở lên',
  comparator: '>=',
  value: 450,
  unit: 'đảng viên',
  measure: 'count',
  accumulation: 'cumulative',
};

export const excellentShareTarget: NumericTarget = {
  metric: 'excellent_share',
  label: '20% hoàn thành xuất sắc nhiệm vụ',
  comparator: '>=',
  value: 20,
  unit: '%',
  measure: 'share',
  accumulation: 'level',
};

export const registered: IndicatorRegistered = {
  type: 'IndicatorRegistered',
  data: {
    indicatorId: 'ind-03',
    resolutionId: 'hl-2021',
    year: 2021,
    kind: 'indicator',
    number: 3,
    group: 'party_building',
    section: 'I.2',
    name: 'Số lượng đảng viên được kết nạp mới',
    responsibleUnitId: 'unit-a',
    targets: [newMembersTarget, excellentShareTarget],
  },
};

/** A qualitative task (nhiệm vụ định tính) with a deadline: no figure, a state per report. */
export const schoolTarget: MilestoneTarget = {
  kind: 'milestone',
  metric: 'completion',
  label: 'Hoàn thành trường THPT Hòn Gai (trước ngày 05/9/2021)',
  dueDate: '2021-09-04',
};

export const registeredTask: IndicatorRegistered = {
  type: 'IndicatorRegistered',
  data: {
    indicatorId: 'task-school',
    resolutionId: 'hl-2021',
    year: 2021,
    kind: 'task',
    group: 'infrastructure',
    section: 'II.7.1',
    name: 'Hoàn thành trường THPT Hòn Gai trước ngày 05/9/2021',
    responsibleUnitId: 'unit-a',
    responsibilityAssumed: true,
    targets: [schoolTarget],
  },
};

export const context = (actor: Actor, now = NOW) => ({ actor, now });
