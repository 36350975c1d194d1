/**
 * `GET /indicators/{id}?asOf=…`: the indicator as it was known at a moment. By design this reads
 * the event store, not the read model: it replays the one stream up to the moment (by recorded
 * time) through the same evolve as the `indicators` projection, so the answer has the same shape as
 * the current state and means the same.
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { indicatorViewFromEvents, type IndicatorDocument } from '../../../../projections/indicators';
import type { RecordedLedgerEvent } from '../../../domain/events';
import { indicatorStreamId } from '../../../domain/indicator/events';
import type { EventStore } from '../../../event-store/event-store.port';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { NotFoundError } from '../../../shared/errors';
import { nextTurn } from '../../../shared/next-turn';
import { toIndicatorView, type IndicatorView } from '../indicator-view';
import { eventsKnownAt } from './known-at';

export type IndicatorAsOfView = IndicatorView & { asOf: string };

export class GetIndicatorAsOfQuery extends Query<IndicatorAsOfView> {
  constructor(
    readonly indicatorId: string,
    readonly asOf: Date,
  ) {
    super();
  }
}

@QueryHandler(GetIndicatorAsOfQuery)
export class GetIndicatorAsOfHandler implements IQueryHandler<GetIndicatorAsOfQuery, IndicatorAsOfView> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ indicatorId, asOf }: GetIndicatorAsOfQuery): Promise<IndicatorAsOfView> {
    const events = (await this.eventStore.readStream(indicatorStreamId(indicatorId))) as RecordedLedgerEvent[];
    if (events.length === 0) throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
    const document = await foldInSlices(eventsKnownAt(events, asOf));
    if (!document) {
      const registeredAt = events[0].metadata.recordedAt;
      throw new NotFoundError('INDICATOR_NOT_YET_REGISTERED', `Indicator ${indicatorId} was registered at ${registeredAt}, after ${asOf.toISOString()}`, {
        indicatorId,
        asOf: asOf.toISOString(),
        registeredAt,
      });
    }
    return { ...toIndicatorView(document), asOf: asOf.toISOString() };
  }
}

/** Events folded between two turns of the event loop: the 10,000 events of a long stream take ≈ 50 ms to fold. */
const EVENTS_PER_TURN = 1000;

/** `indicatorViewFromEvents`, a slice at a time, so a long stream's replay holds up no other request. */
async function foldInSlices(events: readonly RecordedLedgerEvent[]): Promise<IndicatorDocument | null> {
  let document: IndicatorDocument | null = null;
  for (let start = 0; start < events.length; start += EVENTS_PER_TURN) {
    if (start > 0) await nextTurn();
    document = indicatorViewFromEvents(events.slice(start, start + EVENTS_PER_TURN), document);
  }
  return document;
}
