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
