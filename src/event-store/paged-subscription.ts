/**
 * A subscription that reads the global log page by page after a position and, once caught up,
 * sleeps until it is woken: by the store after an in-process append, by a poll timer (to notice
 * appends made by other processes on the same file), or by `close()`.
 */
import type { RecordedEvent } from '../shared/messages';
import type { Subscription } from './event-store.port';

export interface PagedSubscriptionSource {
  /** Events with a position strictly greater than `afterPosition`, in position order, at most `limit`. */
  readPage(afterPosition: number, limit: number): RecordedEvent[];
  /** Registers a callback run after each in-process append; returns the function that unregisters it. */
  onAppended(wake: () => void): () => void;
}

export interface PagedSubscriptionOptions {
  pageSize: number;
  pollIntervalMs: number;
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
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly unregister: () => void;
  private iterator: AsyncGenerator<RecordedEvent> | null = null;

  constructor(
    private readonly source: PagedSubscriptionSource,
    fromPosition: number,
    private readonly options: PagedSubscriptionOptions,
  ) {
    this.lastPosition = fromPosition;
    this.unregister = source.onAppended(() => this.wake());
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
    this.wake();
    this.options.onClosed?.();
  }

  private async *feed(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.closed) {
        this.woken = false;
        const page = this.source.readPage(this.lastPosition, this.options.pageSize);
        for (const event of page) {
          if (this.closed) return;
          this.lastPosition = event.position;
          yield event;
        }
        // A full page means more may be stored already: read on without sleeping.
        if (page.length < this.options.pageSize && !this.closed) await this.sleep();
      }
    } finally {
      // Reached on close() and also when a consumer breaks out of its loop: either way this feed
      // is over, so stop listening for appends.
      this.clearPollTimer();
      await this.close();
    }
  }

  /** Resolves on the next wake-up or poll tick; returns at once when a wake-up came in meanwhile. */
  private sleep(): Promise<void> {
    if (this.woken || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.resolveSleep = resolve;
      this.pollTimer = setTimeout(() => this.wake(), this.options.pollIntervalMs);
    });
  }

  private wake(): void {
    this.woken = true;
    this.clearPollTimer();
    const resolve = this.resolveSleep;
    this.resolveSleep = null;
    resolve?.();
  }

  private clearPollTimer(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }
}
