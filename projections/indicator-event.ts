/** Narrowing from "any ledger event" to the indicator stream's events, shared by the indicator read models. */
import type { RecordedLedgerEvent } from '../src/domain/events';
import { INDICATOR_EVENT_TYPES, type IndicatorEvent } from '../src/domain/indicator/events';
import type { RecordedEvent } from '../src/shared/messages';

export type RecordedIndicatorEvent = RecordedEvent<IndicatorEvent>;

const indicatorEventTypes: ReadonlySet<string> = new Set(INDICATOR_EVENT_TYPES);

export function isIndicatorEvent(event: RecordedLedgerEvent): event is RecordedIndicatorEvent {
  return indicatorEventTypes.has(event.type);
}
