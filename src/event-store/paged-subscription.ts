/**
 * A subscription that reads the global log page by page after a position and, once caught up,
 * sleeps until it is woken: by the store after an in-process append, by a poll tick (to notice
 * appends made by other processes on the same file), or by `close()`.
 *
 * An in-process append also hands over the batch it just committed. When that batch starts right
 * after the last position delivered, the subscription takes its events instead of reading them
 * back; in any other case (a gap, another process's append, catch-up, a queue over its bound) it
 * reads from the store, so order and exactly-once delivery never depend on the hand-over.
 */
import type { RecordedEvent } from '../shared/messages';
import type { Subscription } from './event-store.port';
import { nextTurn } from '../shared/next-turn';

/** Events one in-process append committed, with consecutive positions. */
export interface AppendedBatch {
  firstPosition: number;
  lastPosition: number;
  /** The batch's events exactly as a read would return them; fresh objects on each call, so subscribers never share one. */
  events(): RecordedEvent[];
}

export interface PagedSubscriptionSource {
  /** Events with a position strictly greater than `afterPosition`, in position order, at most `limit`. */
  readPage(afterPosition: number, limit: number): RecordedEvent[];
  /** Registers a callback run after each in-process append with what it wrote; returns the function that unregisters it. */
  onAppended(wake: (appended: AppendedBatch) => void): () => void;
}

export interface PagedSubscriptionOptions {
  pageSize: number;
  pollIntervalMs: number;
  /** At most this many handed-over events wait for a slow consumer; beyond that they are dropped and read back later. */
  maxHandedOverEvents: number;
  /** Called once when the subscription is closed, so the store can forget it. */
  onClosed?: () => void;
}

export class PagedSubscription implements Subscription {
  private lastPosition: number;
  private closed = false;
  /**
   * Set by every wake-up and cleared before each read. A wake that arrives while a page is being
   * handed out is therefore never lost: the next wait returns at once instead of sleeping.
   */
  private woken = false;
  private resolveSleep: (() => void) | null = null;
  /** One repeating tick while the feed runs, rather than a timer set and cleared around every event. */
  private pollTimer: NodeJS.Timeout | null = null;
  private handedOver: AppendedBatch[] = [];
  private handedOverEvents = 0;
  private readonly unregister: () => void;
  private iterator: AsyncGenerator<RecordedEvent> | null = null;

  constructor(
    private readonly source: PagedSubscriptionSource,
    fromPosition: number,
    private readonly options: PagedSubscriptionOptions,
  ) {
    this.lastPosition = fromPosition;
    this.unregister = source.onAppended((appended) => {
      this.keep(appended);
      this.wake();
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    // One feed per subscription: a second iterator would race the first for the same position.
    this.iterator ??= this.feed();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    this.stopPolling();
    this.dropHandedOver();
    this.wake();
    this.options.onClosed?.();
  }

  private async *feed(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.closed) {
        this.woken = false;
        const page = this.nextPage();
        for (const event of page) {
          if (this.closed) return;
          this.lastPosition = event.position;
          yield event;
        }
        if (this.closed) return;
        if (page.length < this.options.pageSize) await this.sleep();
        // A full page means more may be stored already: read on without sleeping, once the event
        // loop has had a turn. Its callbacks all resolve at once, so without one a backlog of a
        // hundred thousand events would be read and projected before any request is answered.
        else await nextTurn();
      }
    } finally {
      // Reached on close() and also when a consumer breaks out of its loop: either way this feed
      // is over, so stop listening for appends.
      await this.close();
    }
  }

  /** The handed-over batch that continues exactly where delivery stands, else a page read from the store. */
  private nextPage(): RecordedEvent[] {
    while (this.handedOver.length > 0 && this.handedOver[0].lastPosition <= this.lastPosition) this.shiftHandedOver();
    if (this.handedOver.length > 0 && this.handedOver[0].firstPosition === this.lastPosition + 1) {
      return this.shiftHandedOver().events();
    }
    return this.source.readPage(this.lastPosition, this.options.pageSize);
  }

  /** Queues a batch within the bound; past it, the queue is dropped and the feed reads those events back instead. */
  private keep(appended: AppendedBatch): void {
    if (this.closed) return;
    const size = appended.lastPosition - appended.firstPosition + 1;
    if (this.handedOverEvents + size > this.options.maxHandedOverEvents) this.dropHandedOver();
    if (size > this.options.maxHandedOverEvents) return;
    this.handedOver.push(appended);
    this.handedOverEvents += size;
  }

  private shiftHandedOver(): AppendedBatch {
    const batch = this.handedOver.shift() as AppendedBatch;
    this.handedOverEvents -= batch.lastPosition - batch.firstPosition + 1;
    return batch;
  }

  private dropHandedOver(): void {
    this.handedOver = [];
    this.handedOverEvents = 0;
  }

  /** Resolves on the next wake-up or poll tick; returns at once when a wake-up came in meanwhile. */
  private sleep(): Promise<void> {
    if (this.woken || this.closed || this.handedOver.length > 0) return Promise.resolve();
    this.startPolling();
    return new Promise<void>((resolve) => {
      this.resolveSleep = resolve;
    });
  }

  private wake(): void {
    this.woken = true;
    const resolve = this.resolveSleep;
    this.resolveSleep = null;
    resolve?.();
  }

  private startPolling(): void {
    this.pollTimer ??= setInterval(() => this.wake(), this.options.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
