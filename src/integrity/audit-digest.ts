/**
 * The audit digest: one SHA-256 value that commits to the head of every stream as of a global
 * position. An inspector writes it down (or signs it) with its position; later, recomputing the
 * digest at that position from the store proves that nothing at or before it changed: an edited,
 * deleted, reordered or re-hashed event changes a head hash, a truncated stream changes a head
 * revision, a removed stream removes a leaf.
 *
 * Leaves are `${streamId}:${headRevision}:${headHash}`, sorted by stream id (UTF-16 code units,
 * like JCS sorts keys); the digest is their RFC 6962 Merkle root.
 */
import type { ChainVerdict } from './chain-verification';
import { merkleRoot } from './merkle';

export const DIGEST_ALGORITHM = 'rfc6962-merkle-sha256';
export const DIGEST_LEAF_FORMAT = 'stream:revision:headHash';

export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
}

export function digestLeaf(head: StreamHead): string {
  return `${head.streamId}:${head.revision}:${head.hash}`;
}

/** Heads in leaf order: by stream id, compared as code units (not locale-dependent). */
export function sortHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

export function auditDigest(heads: readonly StreamHead[]): string {
  return merkleRoot(sortHeads(heads).map(digestLeaf));
}

/** The head a verified stream contributes; a stream with an unsealed head contributes an empty hash. */
export function headOf(verdict: ChainVerdict): StreamHead | null {
  if (verdict.headRevision === null) return null;
  return { streamId: verdict.streamId, revision: verdict.headRevision, hash: verdict.headHash ?? '' };
}
