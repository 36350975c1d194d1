/**
 * Merkle tree hash as RFC 6962 (Certificate Transparency) §2.1 defines it, over SHA-256:
 *
 *   MTH({})    = SHA-256()
 *   MTH({d})   = SHA-256(0x00 || d)                         (a leaf)
 *   MTH(D[n])  = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])) with k the largest power of 2 < n
 *
 * The 0x00/0x01 prefixes keep a leaf from ever being mistaken for an inner node. Using a published
 * construction means an inspector can recompute a digest with any RFC 6962 implementation.
 */
import { createHash } from 'node:crypto';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function merkleRoot(leaves: readonly string[]): string {
  return treeHash(leaves.map((leaf) => Buffer.from(leaf, 'utf8'))).toString('hex');
}

function treeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return createHash('sha256').update(LEAF_PREFIX).update(leaves[0]).digest();
  const split = largestPowerOfTwoBelow(leaves.length);
  return createHash('sha256')
    .update(NODE_PREFIX)
    .update(treeHash(leaves.slice(0, split)))
    .update(treeHash(leaves.slice(split)))
    .digest();
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
