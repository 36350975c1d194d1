/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1). The same name always gives the same id, which is
 * what makes a retried command append nothing new: its events get the ids they got the first time.
 */
import { createHash } from 'node:crypto';

/** Namespace for resolution-ledger names (a fixed random UUID, never to change). */
export const LEDGER_NAMESPACE = '2b0f7c36-9a43-4f55-9a8e-6f1c0d1e5a77';

export function uuidFromName(name: string, namespace: string = LEDGER_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
