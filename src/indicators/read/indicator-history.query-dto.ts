import { INDICATOR_EVENT_TYPES, type IndicatorEventType } from '../../domain/indicator/events';
import { EventTypesFilter, TimelineQueryDto } from '../../audit/timeline/timeline-query.dto';

/** `GET /indicators/{id}/history`: filters on recorded time, event type, actor and the actor's unit; pages oldest first by default. */
export class IndicatorHistoryQueryDto extends TimelineQueryDto {
  @EventTypesFilter(INDICATOR_EVENT_TYPES)
  type?: IndicatorEventType[];
}
