/** Typed errors of the EventStoreDB adapter, beyond the port's shared ones. */
import { LedgerError, StoreUnavailableError } from '../../shared/errors';

/**
 * Why the cluster cannot take a request: gossip found no member in a state to serve (no leader
 * elected yet, a lost quorum, or no member answering), or the node asked is not the leader.
 */
export type NoLeaderReason = 'discovery-failed' | 'not-leader';

/**
 * The cluster has no leader the client can reach right now: a 503 with Retry-After like any
 * unavailable store, typed apart so that start-up can wait for an election instead of failing.
 * The client reports a failed discovery as a plain `Error` ("Failed to discover after N
 * attempts."), which would otherwise reach the caller as a 500.
 */
export class EventStoreNoLeaderError extends StoreUnavailableError {
  constructor(
    readonly operation: string,
    readonly reason: NoLeaderReason,
    clientMessage: string,
  ) {
    super('EVENT_STORE_UNAVAILABLE', `EventStoreDB has no leader to serve ${operation} (${reason}): ${clientMessage}`, { operation, reason });
  }
}

/**
 * At start, the cluster did not elect a leader (or could not be reached) within
 * EVENTSTORE_STARTUP_TIMEOUT_MS. The service stops with this error; its supervisor restarts it.
 */
export class EventStoreNotReadyError extends StoreUnavailableError {
  constructor(
    readonly attempts: number,
    readonly waitedMs: number,
    lastError: Error,
  ) {
    super(
      'EVENT_STORE_UNAVAILABLE',
      `EventStoreDB had no elected leader within ${waitedMs} ms of start (${attempts} attempt(s); EVENTSTORE_STARTUP_TIMEOUT_MS): ${lastError.message}`,
      { attempts, waitedMs, reason: 'not-ready' },
    );
    (this as { cause?: unknown }).cause = lastError;
  }
}

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
