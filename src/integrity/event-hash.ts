/**
 * The per-stream hash chain. Each event's metadata carries `prevHash` (the hash of the event
 * before it in its stream, or GENESIS_HASH for revision 0) and `hash`:
 *
 *   hash = hex(SHA-256(UTF-8(JCS({ stream, revision, type, data, metadata without `hash` }))))
 *
 * `prevHash` sits inside the hashed metadata, so each hash covers its predecessor's: editing,
 * deleting or reordering any event breaks every link after it. The global position is left out on
 * purpose: it is assigned by the store during the append (and differs between adapters), while the
 * stream and revision are known before it.
 */
import { createHash } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../shared/messages';
import { canonicalJson } from './canonical-json';

/** What revision 0 chains from: 64 zeros, the conventional "no predecessor" digest. Never changes. */
export const GENESIS_HASH = '0'.repeat(64);

export const HASH_ALGORITHM = 'sha256';

/** A SHA-256 digest as stored: 64 lowercase hex digits. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** What the hash is computed over; `metadata` may still carry a `hash`, which is left out. */
export interface HashableEvent {
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'> & { hash?: unknown };
}

export function sha256Hex(text: string | Buffer): string {
  return createHash(HASH_ALGORITHM).update(text).digest('hex');
}

/** The bytes that are hashed, exposed so an auditor (or a test) can see exactly what is covered. */
export function hashedContent(event: HashableEvent): string {
  const { hash: _excluded, ...metadata } = event.metadata;
  return canonicalJson({ stream: event.stream, revision: event.revision, type: event.type, data: event.data, metadata });
}

export function eventHash(event: HashableEvent): string {
  return sha256Hex(hashedContent(event));
}

/** An event about to be appended, before it is sealed: everything but the chain fields. */
export interface UnsealedEvent {
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'prevHash' | 'hash'>;
}

/**
 * Chains a batch onto a stream: the first event links to `previousHash` and takes revision
 * `firstRevision`, each next one links to the one before. Pure; the write path calls it with the
 * stream it has just read, so it knows both.
 */
export function sealEvents(stream: string, firstRevision: number, previousHash: string, events: readonly UnsealedEvent[]): NewEvent[] {
  let prevHash = previousHash;
  return events.map((event, index) => {
    const metadata = { ...event.metadata, prevHash };
    const hash = eventHash({ stream, revision: firstRevision + index, type: event.type, data: event.data, metadata });
    prevHash = hash;
    return { type: event.type, data: event.data, metadata: { ...metadata, hash } };
  });
}
