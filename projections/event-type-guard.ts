/**
 * Narrowing from "any ledger event" to the events a read model handles, built once from the list
 * the projection declares in `handles`, so the list and the guard cannot drift apart.
 */
import type { LedgerEvent, LedgerEventType, RecordedLedgerEvent } from '../src/domain/events';
import type { RecordedEvent } from '../src/shared/messages';

export type RecordedEventOf<T extends LedgerEventType> = RecordedEvent<Extract<LedgerEvent, { type: T }>>;

export function eventTypeGuard<T extends LedgerEventType>(types: readonly T[]): (event: RecordedLedgerEvent) => event is RecordedEventOf<T> {
  const handled: ReadonlySet<string> = new Set(types);
  return (event): event is RecordedEventOf<T> => handled.has(event.type);
}
