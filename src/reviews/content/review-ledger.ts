/**
 * The ledger as a review reads it: every event, in global order, known at a cut-off. Two kinds of
 * cut-off:
 * - a moment (`asOf`): per stream, the longest prefix recorded at or before it, as the as-of
 *   queries read one stream (src/indicators/read/as-of/known-at.ts);
 * - a position: every event at or below it. An approval freezes its content this way, at the same
 *   position as its audit digest, so that the content and the digest cover exactly the same events.
 */
import { createHash } from 'node:crypto';
import type { RecordedLedgerEvent } from '../../domain/events';
import type { EventStore } from '../../event-store/event-store.port';
import { canonicalJson } from '../../integrity/canonical-json';
import { nextTurn } from '../../shared/next-turn';
import type { ReviewContent } from './review-content.types';

export type CutOff = { kind: 'asOf'; asOf: Date } | { kind: 'position'; position: number };

const PAGE_SIZE = 1000;

/** Every event at or below `upTo` (default: the store's head now), in global order, a page at a time. */
export async function readLedger(store: EventStore, upTo?: number): Promise<RecordedLedgerEvent[]> {
  const limit = upTo ?? (await store.headPosition());
  const events: RecordedLedgerEvent[] = [];
  let after = 0;
  while (after < limit) {
    const page = (await store.readAll({ fromPosition: after, limit: PAGE_SIZE })) as RecordedLedgerEvent[];
    for (const event of page) {
      if (event.position > limit) return events;
      events.push(event);
    }
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1].position;
    await nextTurn();
  }
  return events;
}

/** The events known at the cut-off, in global order. */
export function knownAt(events: readonly RecordedLedgerEvent[], cutOff: CutOff): RecordedLedgerEvent[] {
  if (cutOff.kind === 'position') return events.filter((event) => event.position <= cutOff.position);
  const moment = cutOff.asOf.getTime();
  /** Streams that met an event recorded after the moment: nothing later in them is known. */
  const cut = new Set<string>();
  const known: RecordedLedgerEvent[] = [];
  for (const event of events) {
    if (cut.has(event.streamId)) continue;
    if (Date.parse(event.metadata.recordedAt) > moment) cut.add(event.streamId);
    else known.push(event);
  }
  return known;
}

/** SHA-256 (hex) of the content's RFC 8785 canonical JSON: what an approval records and a verification recomputes. */
export function contentHashOf(content: ReviewContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
