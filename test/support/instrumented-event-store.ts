/**
 * Wraps a real event store to watch and disturb its subscriptions in tests: records where each
 * subscription starts, reports every event handed out, and can make one subscription fail midway.
 */
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../../src/event-store/event-store.port';
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

  constructor(private readonly inner: EventStore) {}

  /** The next subscription throws after delivering `count` events; later ones behave. */
  failNextSubscriptionAfter(count: number): void {
    this.failAfter = count;
  }

  subscribeToAll(fromPosition: number): Subscription {
    this.subscribedFrom.push(fromPosition);
    const inner = this.inner.subscribeToAll(fromPosition);
    const failAfter = this.failAfter;
    this.failAfter = null;
    const onDelivered = (event: RecordedEvent) => this.onDelivered(event);
    async function* feed(): AsyncGenerator<RecordedEvent> {
      let delivered = 0;
      for await (const event of inner) {
        if (failAfter !== null && delivered >= failAfter) throw new InjectedSubscriptionError(`subscription failed after ${delivered} events`);
        delivered += 1;
        onDelivered(event);
        yield event;
      }
    }
    const iterator = feed();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: () => inner.close(),
    };
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId);
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

  close(): Promise<void> {
    return this.inner.close();
  }
}
