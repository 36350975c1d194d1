/**
 * Snapshots of other aggregates a decision needs (is the unit active? which year is the
 * resolution?), read from their own streams so they are as current as the event store itself.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { ResolutionSnapshot, UnitSnapshot } from '../../domain/indicator/commands';
import { foldResolution } from '../../domain/resolution/decider';
import { resolutionStreamId, type ResolutionEvent } from '../../domain/resolution/events';
import { foldUnit } from '../../domain/unit/decider';
import { unitStreamId, type UnitEvent } from '../../domain/unit/events';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE } from '../../infrastructure/tokens';

@Injectable()
export class AggregateLookup {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async unit(unitId: string): Promise<UnitSnapshot> {
    const state = foldUnit((await this.eventStore.readStream(unitStreamId(unitId))) as unknown as UnitEvent[]);
    return { unitId, exists: state.status !== 'unregistered', active: state.status === 'active' };
  }

  async resolution(resolutionId: string): Promise<ResolutionSnapshot> {
    const state = foldResolution((await this.eventStore.readStream(resolutionStreamId(resolutionId))) as unknown as ResolutionEvent[]);
    return { resolutionId, exists: state.status === 'registered', year: state.status === 'registered' ? state.year : null };
  }
}
