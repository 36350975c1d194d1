/** Typed errors of the projection runner. */
import { LedgerError } from '../shared/errors';

/** The runner was stopped while a caller was waiting for it to reach a position. */
export class ProjectionRunnerStoppedError extends LedgerError {
  readonly code = 'PROJECTION_RUNNER_STOPPED';

  constructor(
    readonly requestedPosition: number,
    readonly reachedPosition: number,
  ) {
    super(`The projection runner stopped at position ${reachedPosition} before reaching ${requestedPosition}`, {
      requestedPosition,
      reachedPosition,
    });
  }
}

/** An event store subscription ended although nobody closed it; the runner resubscribes. */
export class SubscriptionEndedError extends LedgerError {
  readonly code = 'SUBSCRIPTION_ENDED';

  constructor(readonly position: number) {
    super(`The event subscription ended unexpectedly after position ${position}`, { position });
  }
}

/** Exclusive work on the read models (a rebuild) was refused: another instance holds the projection lease. */
export class ProjectionLeaseHeldError extends LedgerError {
  readonly code = 'PROJECTION_LEASE_HELD';

  constructor(readonly leaseKind: string) {
    super(
      `Another instance holds the projection lease (${leaseKind}): stop the app instances (or scale them to zero) and try again once their lease is released or has run out (PROJECTION_LEASE_TTL_MS)`,
      { leaseKind },
    );
  }
}

/** Exclusive work on the read models (a rebuild) lost the projection lease before it finished, and was stopped. */
export class ProjectionLeaseLostError extends LedgerError {
  readonly code = 'PROJECTION_LEASE_LOST';

  constructor(
    readonly holderId: string,
    readonly reachedPosition: number,
  ) {
    super(
      `The projection lease was lost by '${holderId}' at position ${reachedPosition} (a renewal failed or came too late): the work was stopped and is incomplete; run it again`,
      { holderId, reachedPosition },
    );
  }
}
