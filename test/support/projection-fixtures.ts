/** Building blocks for test projections. */
import { AUDIT_LOG_EVENT_TYPES } from '../../projections/audit-log';
import type { EventHandling } from '../../projections/projection';
import type { LedgerEventType } from '../../src/domain/events';

/** Handles exactly `types` and ignores every other type of the ledger (the audit log handles them all). */
export function handlingOnly(types: readonly LedgerEventType[]): EventHandling {
  return Object.fromEntries(AUDIT_LOG_EVENT_TYPES.map((type) => [type, types.includes(type) ? 'handle' : 'ignore'])) as EventHandling;
}
