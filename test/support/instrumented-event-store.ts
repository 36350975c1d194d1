/**
 * Wraps a real event store to watch and disturb its subscriptions in tests: records where each
 * subscription starts, reports every event handed out, and can make one subscription fail midway.
 */
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, Subscription } from '../../src/event-store/event-store.port';
import type { NewEvent, RecordedEvent } from '../../src/shared/messages';

export class InjectedSubscriptionError extends Error {
  readonly code = 'INJECTED_SUBSCRIPTION_ERROR';
}

export class InstrumentedEventStore implements EventStore {
  /** `fromPosition` of every subscribeToAll call, in order. */
  readonly subscribedFrom: number[] = [];
  /** Called with each event a subscription hands out. */
  onDelivered: (event: RecordedEvent) => void = () => undefined;
  private failAfter: number | null = null;
  /** Rejecters of the subscriptions open now, for `dropOpenSubscriptions`. */
  private readonly droppers = new Set<(error: Error) => void>();
  /** The inner subscriptions open now, for `endOpenSubscriptions`. */
  private readonly openInner = new Set<Subscription>();

  constructor(private readonly inner: EventStore) {}

  /** The next subscription throws after delivering `count` events; later ones behave. */
  failNextSubscriptionAfter(count: number): void {
    this.failAfter = count;
  }

  /**
   * Breaks every open subscription now, as a server restart or a network cut would: a consumer
   * waiting for the next event gets `error`, whether the feed is catching up or idle and live.
   * Returns how many subscriptions were dropped.
   */
  dropOpenSubscriptions(error: Error = new InjectedSubscriptionError('connection to the event store lost')): number {
    const droppers = [...this.droppers];
    for (const drop of droppers) drop(error);
    return droppers.length;
  }

  /** Ends every open subscription's feed without an error, as a server closing the stream would. */
  async endOpenSubscriptions(): Promise<number> {
    const open = [...this.openInner];
    await Promise.all(open.map((subscription) => subscription.close()));
    return open.length;
  }

  subscribeToAll(fromPosition: number): Subscription {
    this.subscribedFrom.push(fromPosition);
    const inner = this.inner.subscribeToAll(fromPosition);
    const failAfter = this.failAfter;
    this.failAfter = null;
    const onDelivered = (event: RecordedEvent) => this.onDelivered(event);
    const droppers = this.droppers;
    const openInner = this.openInner;
    openInner.add(inner);
    let drop: (error: Error) => void = () => undefined;
    const dropped = new Promise<never>((_, reject) => {
      drop = reject;
    });
    dropped.catch(() => undefined);
    droppers.add(drop);
    async function* feed(): AsyncGenerator<RecordedEvent> {
      let delivered = 0;
      const events = inner[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await Promise.race([events.next(), dropped]);
          if (next.done) return;
          const event = next.value;
          if (failAfter !== null && delivered >= failAfter) throw new InjectedSubscriptionError(`subscription failed after ${delivered} events`);
          delivered += 1;
          onDelivered(event);
          yield event;
        }
      } finally {
        droppers.delete(drop);
        openInner.delete(inner);
        await inner.close();
      }
    }
    const iterator = feed();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        droppers.delete(drop);
        openInner.delete(inner);
        await inner.close();
      },
    };
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, expectedRevision);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  countAfter(position: number, atMost: number): Promise<number> {
    return this.inner.countAfter(position, atMost);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
