/**
 * Verifies the whole ledger as of a global position: every stream's chain, every stream's head,
 * and the audit digest over those heads. Shared by `GET /audit/digest…` and `npm run verify`.
 *
 * It reads the global log through the port (so it works on either adapter) and checks each stream
 * exactly as the single-stream integrity check does, without keeping the log: within a stream,
 * global positions follow revisions, so each stream's events arrive in revision order and are fed
 * to that stream's chain verifier as they are read. Memory grows with the number of streams, not
 * of events. A stream whose events arrive out of revision order (an event deleted, moved or
 * renumbered) is read again by itself, sorted by revision, and verified the same way, so its
 * verdict names the same break. It works in slices of about a page, letting the event loop turn
 * between them, so other requests are answered while it runs (it covers a fixed position: later
 * appends are not in it).
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
/** Events hashed between two turns of the event loop: a few milliseconds. */
const VERIFY_SLICE = 500;

/** Without `upToPosition`, the scan covers the store as it is when the scan starts. */
export async function scanLedger(store: EventStore, upToPosition?: number): Promise<LedgerScan> {
  const storeHeadPosition = await store.headPosition();
  const position = upToPosition ?? storeHeadPosition;
  const streams = await verifyStreamsUpTo(store, position);
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

/**
 * Each stream's verdict as of `position`, sorted by stream id. Events are pushed to their stream's
 * verifier as the log is read, a page at a time, the event loop turning after each page (reads are
 * synchronous on SQLite); a stream met out of revision order is set aside and verified from a read
 * of its own.
 */
async function verifyStreamsUpTo(store: EventStore, position: number): Promise<ChainVerdict[]> {
  /** Stream → its verifier, or null once an event of it came out of revision order. */
  const verifiers = new Map<string, ChainVerifier | null>();
  const turns = new TurnBudget(VERIFY_SLICE);
  let after = 0;
  reading: while (after < position) {
    const page = await readPage(store, after);
    // Reading a page is a slice of its own; hashing its events is two more.
    await nextTurn();
    for (const event of page) {
      if (event.position > position) break reading;
      let verifier = verifiers.get(event.streamId);
      if (verifier === undefined) verifiers.set(event.streamId, (verifier = new ChainVerifier(event.streamId)));
      if (verifier === null) continue;
      if (event.revision === verifier.nextRevision) verifier.push(event);
      else verifiers.set(event.streamId, null);
      if (turns.spend()) await nextTurn();
    }
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1].position;
  }
  const verdicts: ChainVerdict[] = [];
  for (const [streamId, verifier] of verifiers) {
    verdicts.push(verifier ? verifier.verdict() : await verifyStreamApart(store, streamId, position, turns));
  }
  return verdicts.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

/** One stream's events up to `position`, read by themselves, in revision order (then position, as the log had them), verified. */
async function verifyStreamApart(store: EventStore, streamId: string, position: number, turns: TurnBudget): Promise<ChainVerdict> {
  const events = (await readStream(store, streamId)).filter((event) => event.position <= position);
  events.sort((x, y) => x.revision - y.revision || x.position - y.position);
  return verifyChainInSlices(streamId, events, turns);
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

async function readPage(store: EventStore, after: number): Promise<RecordedEvent[]> {
  try {
    return await store.readAll({ fromPosition: after, limit: PAGE_SIZE });
  } catch (error) {
    if (!isJsonParseError(error)) throw error;
    const lastReadable = await lastReadablePosition(store, after);
    throw new LedgerUnreadableError(`The first event after position ${lastReadable} cannot be read back: ${error.message}`, { afterPosition: lastReadable });
  }
}

/** Where a page that does not read back breaks: read one event at a time (an error path, at most a page of reads). */
async function lastReadablePosition(store: EventStore, after: number): Promise<number> {
  let position = after;
  for (let read = 0; read < PAGE_SIZE; read++) {
    try {
      const [event] = await store.readAll({ fromPosition: position, limit: 1 });
      if (!event) return position;
      position = event.position;
    } catch (error) {
      if (isJsonParseError(error)) return position;
      throw error;
    }
  }
  return position;
}

async function readStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (isJsonParseError(error)) {
      throw new LedgerUnreadableError(`An event of stream ${streamId} cannot be read back: ${error.message}`, { streamId });
    }
    throw error;
  }
}

/**
 * An event that does not read back: the JSON parser's error, or the embedded store's typed one for
 * it (a StoreDamagedError). By name, not instanceof: the error may come from another realm (a
 * native addon, a test sandbox).
 */
export function isJsonParseError(error: unknown): error is Error {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'SyntaxError' || name === 'StoreDamagedError';
}
