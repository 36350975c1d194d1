/** Typed errors of the EventStoreDB adapter, beyond the port's shared ones. */
import { LedgerError } from '../../shared/errors';

/**
 * A revision or a commit position is beyond what a JavaScript number holds exactly
 * (Number.MAX_SAFE_INTEGER, about 9 PB of transaction log). Refused rather than rounded: a rounded
 * position would make the projection runner skip or repeat events.
 */
export class PositionOutOfRangeError extends LedgerError {
  readonly code = 'EVENT_STORE_POSITION_OUT_OF_RANGE';

  constructor(
    readonly what: 'commit position' | 'revision',
    readonly value: bigint,
  ) {
    super(`EventStoreDB ${what} ${value} is larger than Number.MAX_SAFE_INTEGER and cannot be used as a ledger position`, {
      what,
      value: value.toString(),
    });
  }
}

/**
 * An event in $all cannot be read as a ledger event: not JSON, no metadata, no position, or a
 * commit position different from its prepare position (written inside a legacy TCP transaction, so
 * one number cannot address it). The ledger never writes such events; meeting one is a
 * configuration error (a shared database, an old server) and must stop the runner loudly.
 */
export class UnreadableStoredEventError extends LedgerError {
  readonly code = 'EVENT_STORE_UNREADABLE_EVENT';

  constructor(
    readonly streamId: string,
    readonly revision: string,
    reason: string,
  ) {
    super(`Event ${streamId}@${revision} cannot be read as a ledger event: ${reason}`, { streamId, revision, reason });
  }
}
