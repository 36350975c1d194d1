/**
 * A command on a stream whose hash chain no longer verifies (HTTP 409): someone changed the
 * stored events outside the ledger, or the store damaged them. Deciding on that history and
 * chaining a new event to it would bury the break under a valid-looking link, so the stream
 * takes no more writes until an operator has looked (docs/operations.md). Reads still answer,
 * so inspectors can see the damage (`GET /indicators/{id}/integrity` names it).
 */
import type { ChainBreak } from '../integrity/chain-verification';
import { LedgerError } from '../shared/errors';

export class StreamIntegrityBrokenError extends LedgerError {
  readonly code = 'STREAM_INTEGRITY_BROKEN';

  constructor(
    readonly streamId: string,
    readonly chainBreak: ChainBreak,
  ) {
    super(`The hash chain of ${streamId} breaks at revision ${chainBreak.revision}: ${chainBreak.explanation}. It takes no writes until an operator has restored it`, {
      streamId,
      revision: chainBreak.revision,
      reason: chainBreak.reason,
    });
  }
}
