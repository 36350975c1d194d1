/** Every event type the ledger writes, as one discriminated union for projections and readers. */
import type { RecordedEvent } from '../shared/messages';
import type { IndicatorEvent } from './indicator/events';
import type { ResolutionEvent } from './resolution/events';
import type { ReviewEvent } from './review/events';
import type { UnitEvent } from './unit/events';

export type LedgerEvent = IndicatorEvent | UnitEvent | ResolutionEvent | ReviewEvent;

export type LedgerEventType = LedgerEvent['type'];

export type RecordedLedgerEvent = RecordedEvent<LedgerEvent>;
