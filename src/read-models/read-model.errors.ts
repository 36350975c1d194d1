/**
 * Typed errors of the read models. Those a client can meet are 503s with Retry-After (the read
 * model is being rebuilt, or the ledger is behind it); the others are defects or lifecycle bugs
 * and surface as logged 500s.
 */
import { LedgerError } from '../shared/errors';

/**
 * The read model is being rebuilt and the generation serving until then was laid out for other
 * queries (another version's fields or indexes), or none serves yet (HTTP 503 + Retry-After).
 */
export class ReadModelRebuildingError extends LedgerError {
  readonly code = 'READ_MODEL_REBUILDING';

  constructor(readonly readModel: string) {
    super(`The ${readModel} read model is being rebuilt from the ledger; retry shortly`, { readModel });
  }
}

/**
 * A read model's checkpoint is past the end of the event store: events it reflects are gone (a
 * damaged or restored event store, read models restored from a newer backup). Nothing is written
 * and nothing is served from it until an operator acts (README, operations).
 */
export class ReadModelsAheadOfLedgerError extends LedgerError {
  readonly code = 'READ_MODELS_AHEAD_OF_LEDGER';

  constructor(
    readonly readModelPosition: number,
    readonly ledgerHeadPosition: number,
    readonly readModels: readonly string[],
  ) {
    super(
      `Read models reflect events up to position ${readModelPosition} but the event store ends at position ${ledgerHeadPosition}: ` +
        `acknowledged events are missing from the event store (${readModels.join(', ')})`,
      { readModelPosition, ledgerHeadPosition, readModels },
    );
  }
}

/** A commit tried to move a checkpoint backwards: another runner is ahead on the same generation. */
export class CheckpointBehindError extends LedgerError {
  readonly code = 'CHECKPOINT_BEHIND';

  constructor(
    readonly generation: string,
    readonly position: number,
  ) {
    super(`Generation ${generation} is already past position ${position} (or no longer exists): another projection runner is ahead; reload and follow`, {
      generation,
      position,
    });
  }
}

/** A document cannot be stored: no string `_id`, or a value JSON cannot hold. */
export class InvalidDocumentError extends LedgerError {
  readonly code = 'INVALID_DOCUMENT';

  constructor(
    readonly readModel: string,
    reason: string,
  ) {
    super(`Document refused by ${readModel}: ${reason}`, { readModel, reason });
  }
}

/** A write would give two documents the same key in a unique index. */
export class DuplicateKeyError extends LedgerError {
  readonly code = 'DUPLICATE_KEY';

  constructor(
    readonly readModel: string,
    readonly indexName: string,
    readonly detail: string,
  ) {
    super(`Two documents of ${readModel} share a key of unique index ${indexName}: ${detail}`, { readModel, indexName });
  }
}

/** The store was closed; using it afterwards is a lifecycle bug, not an empty result. */
export class ReadModelStoreClosedError extends LedgerError {
  readonly code = 'READ_STORE_CLOSED';

  constructor() {
    super('The read model store is closed');
  }
}
