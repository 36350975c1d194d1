/** Events of the unit stream (`unit-<id>`): the bodies that are made responsible for indicators. */
import type { Message } from '../../shared/messages';

export type UnitRegistered = Message<
  'UnitRegistered',
  {
    unitId: string;
    name: string;
    /** Short form used in reports, e.g. 'UBND Thành phố'. */
    shortName?: string;
    /** True when the resolution names this unit; false when the seed added it as a plausible owner. */
    namedInResolution: boolean;
  }
>;

export type UnitRenamed = Message<'UnitRenamed', { unitId: string; previousName: string; name: string; reason: string }>;

export type UnitDeactivated = Message<'UnitDeactivated', { unitId: string; reason: string; decisionRef: string }>;

export type UnitEvent = UnitRegistered | UnitRenamed | UnitDeactivated;

export type UnitEventType = UnitEvent['type'];

export const UNIT_EVENT_TYPES: readonly UnitEventType[] = ['UnitRegistered', 'UnitRenamed', 'UnitDeactivated'];

export const UNIT_STREAM_PREFIX = 'unit-';

export const unitStreamId = (unitId: string): string => `${UNIT_STREAM_PREFIX}${unitId}`;
