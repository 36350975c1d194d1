/** Narrowing from "any ledger event" to the indicator stream's events, shared by the indicator read models. */
import type { RecordedLedgerEvent } from '../src/domain/events';
import { INDICATOR_EVENT_TYPES, type IndicatorEvent } from '../src/domain/indicator/events';
import type { RecordedEvent } from '../src/shared/messages';
import { eventTypeGuard } from './event-type-guard';

export type RecordedIndicatorEvent = RecordedEvent<IndicatorEvent>;

export const isIndicatorEvent: (event: RecordedLedgerEvent) => event is RecordedIndicatorEvent = eventTypeGuard(INDICATOR_EVENT_TYPES);
