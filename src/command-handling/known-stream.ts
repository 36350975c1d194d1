/**
 * What the write path knows of one stream: the events it has read from the event store so far (a
 * prefix of the stream, never anything the store did not return) and what each command needs
 * from them, kept up to date as events are added instead of recomputed from the whole stream:
 * the current revision, the hash-chain tip, which commands the stream already holds, the
 * state folded from it, and whether its hash chain verifies: each event is checked once, as it
 * is read from the store (a full read, or the tail appended since).
 */
import { ChainVerifier, type ChainBreak } from '../integrity/chain-verification';
import { GENESIS_HASH } from '../integrity/event-hash';
import type { RecordedEvent } from '../shared/messages';

/** A command already in the stream: the digest its first event recorded, and where its last event is. */
export interface StoredCommand {
  commandId: string;
  commandHash: string;
  revision: number;
  position: number;
}

/**
 * A decider's fold, given as its two halves so it can go on from a state folded earlier: the state
 * of a stream is `events.reduce(evolve, initial())`, and after new events it is the earlier state
 * evolved by the new ones only. That is only the same thing when `evolve` returns a new state and
 * never changes the one it is given, and when `decide` does not change it either (both are pure,
 * see src/domain): the state is kept between commands and handed to each of them.
 * Use one object per decider (a module constant): the state is kept for the fold it was folded by.
 */
export interface StreamFold<State> {
  initial(): State;
  evolve(state: State, event: RecordedEvent): State;
}

export class KnownStream {
  private readonly stored: RecordedEvent[] = [];
  private readonly commands = new Map<string, StoredCommand>();
  /** The state folded by the last fold asked for, and how many of the events it has seen. */
  private folded: { fold: StreamFold<unknown>; state: unknown; eventsFolded: number } | null = null;
  private readonly chain: ChainVerifier;

  /** From a full read of the stream, taken as the store returned it (in revision order, as the port promises). */
  constructor(
    readonly streamId: string,
    events: readonly RecordedEvent[],
  ) {
    this.chain = new ChainVerifier(streamId);
    this.add(events);
  }

  get size(): number {
    return this.stored.length;
  }

  /** Revision of the last known event; null for a stream with no events. */
  get revision(): number | null {
    return this.stored.length === 0 ? null : this.stored[this.stored.length - 1].revision;
  }

  /** The first revision not known yet: where a read of what was appended since starts, and the next event's revision. */
  get nextRevision(): number {
    return (this.revision ?? -1) + 1;
  }

  /**
   * The hash the next event links to. A stream whose last event carries no hash (written before the
   * chain existed) is chained from genesis again; integrity checks report that unsealed event.
   */
  get chainTip(): string {
    const hash: unknown = this.stored.length === 0 ? undefined : this.stored[this.stored.length - 1].metadata.hash;
    return typeof hash === 'string' ? hash : GENESIS_HASH;
  }

  /** The state of the stream by this fold: the state kept from the last call, evolved by the events added since. */
  stateOf<State>(fold: StreamFold<State>): State {
    const from = this.folded?.fold === fold ? this.folded : { fold, state: fold.initial(), eventsFolded: 0 };
    let state = from.state as State;
    for (let i = from.eventsFolded; i < this.stored.length; i++) state = fold.evolve(state, this.stored[i]);
    this.folded = { fold: fold as StreamFold<unknown>, state, eventsFolded: this.stored.length };
    return state;
  }

  /** Where the hash chain of the events read so far first breaks; null while it verifies. */
  get chainBreak(): ChainBreak | null {
    return this.chain.verdict().firstBreak;
  }

  /** The command with this id, when the stream already holds its events. */
  command(commandId: string): StoredCommand | undefined {
    return this.commands.get(commandId);
  }

  /**
   * Adds events read from the store after the known ones. Returns false, adding nothing, when they
   * are not of this stream or do not come after the known events in revision order (the stream is
   * not what was read before: the caller starts again from a full read). Gaps are accepted, as the
   * full read always accepted them: the last event decides the revision and the chain tip, and a
   * missing event is for the integrity checks to report.
   */
  append(events: readonly RecordedEvent[]): boolean {
    let previous = this.revision ?? -1;
    for (const event of events) {
      if (event.streamId !== this.streamId || event.revision <= previous) return false;
      previous = event.revision;
    }
    this.add(events);
    return true;
  }

  private add(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      this.stored.push(event);
      this.chain.push(event);
      this.index(event);
    }
  }

  private index(event: RecordedEvent): void {
    const { commandId, commandHash } = event.metadata;
    const known = this.commands.get(commandId);
    // The digest is the first event's (as the full scan compared it); the outcome is the last event's.
    if (known) {
      known.revision = event.revision;
      known.position = event.position;
    } else {
      this.commands.set(commandId, { commandId, commandHash, revision: event.revision, position: event.position });
    }
  }
}
