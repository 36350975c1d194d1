/**
 * The port's live feed over an EventStoreDB catch-up subscription to $all.
 *
 * - Starts strictly after the checkpoint (see positions.ts) and also drops any event at or before
 *   the last one handed out, so a server that re-sends its start event cannot cause a repeat.
 * - Hands out only the ledger's events; the server already filters system events out.
 * - `close()` ends a pending iteration normally. A drop (server restart, network, slow consumer
 *   evicted by the server) ends it with the error, mapped to a `StoreUnavailableError` where it is
 *   a connection problem; the projection runner then resubscribes from its checkpoint.
 */
import type { AllStreamResolvedEvent, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../../shared/messages';
import type { Subscription } from '../event-store.port';
import { toLedgerError } from './client-errors';
import { toLedgerEvent } from './event-conversion';

/** What this feed needs of the client's subscription object (a Node.js Readable in the client). */
export interface SubscriptionSource extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
}

export class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private iterator: AsyncGenerator<RecordedEvent> | null = null;
  private lastPosition: bigint;

  constructor(
    private readonly source: SubscriptionSource,
    fromPosition: number,
    private readonly isLedgerEvent: (event: EsdbRecordedEvent) => boolean,
    private readonly onClosed: () => void = () => undefined,
  ) {
    this.lastPosition = BigInt(fromPosition);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.feed();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    try {
      await this.source.unsubscribe();
    } catch {
      // Already gone (dropped, or the client disposed): there is nothing left to cancel.
    }
    // Cancelling the gRPC call does not end the readable; destroying it wakes a pending iteration.
    this.source.destroy();
  }

  private async *feed(): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        if (this.closed) return;
        const event = resolved.event;
        if (!event) continue;
        if (event.position.commit <= this.lastPosition) continue;
        if (!this.isLedgerEvent(event)) continue;
        const recorded = toLedgerEvent(event);
        this.lastPosition = event.position.commit;
        yield recorded;
      }
    } catch (error) {
      // Our own close() destroys the readable, which a pending iteration sees as a premature close.
      if (this.closed) return;
      throw toLedgerError(error, 'subscribeToAll');
    } finally {
      await this.close();
    }
  }
}
