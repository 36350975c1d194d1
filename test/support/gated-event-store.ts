/** An event store that can hold its next append until released: a command in flight for as long as a test needs. */
import type { AppendResult, ExpectedRevision } from '../../src/event-store/event-store.port';
import type { NewEvent } from '../../src/shared/messages';
import { InstrumentedEventStore } from './instrumented-event-store';

export class GatedEventStore extends InstrumentedEventStore {
  private gate: { reached: () => void; release: Promise<void> } | null = null;
  /** When the service closed the store (shutdown ordering), or null while it is open. */
  closedAt: number | null = null;

  holdNextAppend(): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    this.gate = { reached, release: new Promise<void>((resolve) => (release = resolve)) };
    return { reached: reachedPromise, release };
  }

  override async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const gate = this.gate;
    if (gate) {
      this.gate = null;
      gate.reached();
      await gate.release;
    }
    return super.appendToStream(streamId, events, expected);
  }

  override async close(): Promise<void> {
    this.closedAt = Date.now();
    return super.close();
  }
}
