/**
 * Verifies the whole ledger as of a global position: every stream's chain, every stream's head,
 * and the audit digest over those heads. Shared by `GET /audit/digest…` and `npm run verify`.
 *
 * It reads the global log through the port (so it works on either adapter), keeps the events of
 * each stream, then checks each stream in revision order exactly as the single-stream integrity
 * check does. The whole log up to the position is held in memory while it runs: fine for a
 * resolution's ledger (thousands of events a year); a store a hundred times larger would want a
 * streaming variant. It works in slices of about a page, letting the event loop turn between them,
 * so other requests are answered while it runs (it covers a fixed position: later appends are not
 * in it).
 */
import type { EventStore } from '../event-store/event-store.port';
import { LedgerError } from '../shared/errors';
import { nextTurn, TurnBudget } from '../shared/next-turn';
import type { RecordedEvent } from '../shared/messages';
import { auditDigest, headOf, sortHeads, type StreamHead } from './audit-digest';
import { ChainVerifier, type ChainVerdict } from './chain-verification';

export interface LedgerScan {
  /** The scan covers every event at or below this global position. */
  position: number;
  /** The store's last position when the scan started (events after `position` were not read). */
  storeHeadPosition: number;
  events: number;
  /** Every stream that has an event at or below `position`, sorted by stream id. */
  streams: ChainVerdict[];
  heads: StreamHead[];
  digest: string;
}

/** A stored event cannot even be read back (its JSON no longer parses): the store itself is damaged. */
export class LedgerUnreadableError extends LedgerError {
  readonly code = 'EVENT_STORE_UNREADABLE';
}

const PAGE_SIZE = 1000;

/** Without `upToPosition`, the scan covers the store as it is when the scan starts. */
export async function scanLedger(store: EventStore, upToPosition?: number): Promise<LedgerScan> {
  const storeHeadPosition = await store.headPosition();
  const position = upToPosition ?? storeHeadPosition;
  const byStream = await readStreamsUpTo(store, position);

  const streams = await verifyEach([...byStream.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const heads = sortHeads(streams.map(headOf).filter((head): head is StreamHead => head !== null));
  return {
    position,
    storeHeadPosition,
    events: streams.reduce((sum, s) => sum + s.events, 0),
    streams,
    heads,
    digest: auditDigest(heads),
  };
}

/** Each stream's chain, in the given order, letting the event loop turn after every page's worth of events. */
async function verifyEach(streams: ReadonlyArray<[string, RecordedEvent[]]>): Promise<ChainVerdict[]> {
  const turns = new TurnBudget(PAGE_SIZE);
  const verdicts: ChainVerdict[] = [];
  for (const [streamId, events] of streams) verdicts.push(await verifyChainInSlices(streamId, events.sort((x, y) => x.revision - y.revision), turns));
  return verdicts;
}

/**
 * `verifyChain`, letting the event loop turn every page's worth of events: hashing the 10,000
 * events of one long stream is ≈ 0.1 s of synchronous work.
 */
export async function verifyChainInSlices(streamId: string, events: readonly RecordedEvent[], turns = new TurnBudget(PAGE_SIZE)): Promise<ChainVerdict> {
  const verifier = new ChainVerifier(streamId);
  for (const event of events) {
    verifier.push(event);
    if (turns.spend()) await nextTurn();
  }
  return verifier.verdict();
}

/** Every event up to `position`, by stream; the event loop turns after each page (reads are synchronous on SQLite). */
async function readStreamsUpTo(store: EventStore, position: number): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>();
  let after = 0;
  while (after < position) {
    const page = await readPage(store, after);
    for (const event of page) {
      if (event.position > position) return byStream;
      const events = byStream.get(event.streamId) ?? [];
      events.push(event);
      byStream.set(event.streamId, events);
    }
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1].position;
    await nextTurn();
  }
  return byStream;
}

async function readPage(store: EventStore, after: number): Promise<RecordedEvent[]> {
  try {
    return await store.readAll({ fromPosition: after, limit: PAGE_SIZE });
  } catch (error) {
    if (isJsonParseError(error)) {
      throw new LedgerUnreadableError(`An event after position ${after} cannot be read back: ${error.message}`, { afterPosition: after });
    }
    throw error;
  }
}

/** By name, not instanceof: the error may come from another realm (a native addon, a test sandbox). */
export function isJsonParseError(error: unknown): error is Error {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'SyntaxError';
}
