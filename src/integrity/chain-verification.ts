/**
 * Recomputes one stream's hash chain and says where it first breaks. Pure: callers read the
 * stream (in revision order, as the event store port returns it) and pass its events.
 *
 * The checks for each event, in this order; the first one that fails locates the break:
 * 1. its revision is the next one (0, 1, 2, …) — else an event is missing (deleted);
 * 2. its global position is after its predecessor's — else the log was reordered;
 * 3. it carries a well-formed `prevHash` and `hash` — else it was never sealed, or was stripped;
 * 4. its `prevHash` is its predecessor's hash (genesis for revision 0) — else an event before it
 *    was deleted, inserted or moved;
 * 5. its recomputed hash equals its stored one — else its content was edited.
 *
 * What a chain alone cannot show: a stream cut short at the end (the remaining prefix is a valid
 * chain), a stream removed entirely, or a chain rewritten from some point on with freshly computed
 * hashes (there is no secret in SHA-256). An audit digest taken earlier catches all three.
 */
import type { RecordedEvent } from '../shared/messages';
import { eventHash, GENESIS_HASH, HASH_PATTERN } from './event-hash';

export type ChainBreakReason = 'REVISION_GAP' | 'POSITION_ORDER' | 'UNSEALED_EVENT' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH';

export const CHAIN_BREAK_EXPLANATIONS: Record<ChainBreakReason, string> = {
  REVISION_GAP: 'an event is missing: the revisions are not consecutive (an event was deleted)',
  POSITION_ORDER: 'the events are out of order in the global log (positions were swapped)',
  UNSEALED_EVENT: 'an event has no valid prevHash/hash (written outside the ledger, or its seal was removed)',
  PREV_HASH_MISMATCH: "an event does not link to its predecessor's hash (an event before it was deleted, inserted or reordered)",
  HASH_MISMATCH: 'an event does not hash to its stored hash (its content was edited)',
};

export interface ChainBreak {
  /** The first revision that cannot be trusted (for a gap: the revision that is missing). */
  revision: number;
  reason: ChainBreakReason;
  explanation: string;
  /** What was expected and what was found, for the record. */
  expected: string | number | null;
  found: string | number | null;
}

export interface ChainVerdict {
  streamId: string;
  valid: boolean;
  /** How many events the stream holds (all of them, also after a break). */
  events: number;
  /** Revision and stored hash of the stream's last event; null for an empty stream. */
  headRevision: number | null;
  headHash: string | null;
  /** Global position of the last event. */
  headPosition: number | null;
  firstBreak: ChainBreak | null;
}

/** Feeds a stream's events one at a time; `verdict()` answers at any point. */
export class ChainVerifier {
  private count = 0;
  private previous: { hash: string; position: number } | null = null;
  private head: RecordedEvent | null = null;
  private broken: ChainBreak | null = null;

  constructor(private readonly streamId: string) {}

  /** The revision the next event must have (events pushed so far). */
  get nextRevision(): number {
    return this.count;
  }

  push(event: RecordedEvent): void {
    const expectedRevision = this.count;
    this.count += 1;
    this.head = event;
    if (this.broken) return;
    this.broken = this.check(event, expectedRevision);
    this.previous = { hash: String(event.metadata.hash), position: event.position };
  }

  verdict(): ChainVerdict {
    const head = this.head;
    return {
      streamId: this.streamId,
      valid: this.broken === null,
      events: this.count,
      headRevision: head ? head.revision : null,
      headHash: head && typeof head.metadata.hash === 'string' ? head.metadata.hash : null,
      headPosition: head ? head.position : null,
      firstBreak: this.broken,
    };
  }

  private check(event: RecordedEvent, expectedRevision: number): ChainBreak | null {
    if (event.revision !== expectedRevision) {
      return breakAt(expectedRevision, 'REVISION_GAP', expectedRevision, event.revision);
    }
    if (this.previous && event.position <= this.previous.position) {
      return breakAt(event.revision, 'POSITION_ORDER', `> ${this.previous.position}`, event.position);
    }
    const { prevHash, hash } = event.metadata as { prevHash?: unknown; hash?: unknown };
    if (!isHash(prevHash) || !isHash(hash)) {
      return breakAt(event.revision, 'UNSEALED_EVENT', 'prevHash and hash: 64 hex digits', `${describe(prevHash)} / ${describe(hash)}`);
    }
    const expectedPrevious = this.previous?.hash ?? GENESIS_HASH;
    if (prevHash !== expectedPrevious) return breakAt(event.revision, 'PREV_HASH_MISMATCH', expectedPrevious, prevHash);
    const recomputed = eventHash({ stream: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata: event.metadata });
    if (recomputed !== hash) return breakAt(event.revision, 'HASH_MISMATCH', recomputed, hash);
    return null;
  }
}

export function verifyChain(streamId: string, events: readonly RecordedEvent[]): ChainVerdict {
  const verifier = new ChainVerifier(streamId);
  for (const event of events) verifier.push(event);
  return verifier.verdict();
}

function breakAt(revision: number, reason: ChainBreakReason, expected: string | number | null, found: string | number | null): ChainBreak {
  return { revision, reason, explanation: CHAIN_BREAK_EXPLANATIONS[reason], expected, found };
}

function isHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'string' ? value.slice(0, 80) : typeof value;
}
