/**
 * Conversions between EventStoreDB's numbers and the port's.
 *
 * Revisions: EventStoreDB counts a stream's events from 0 as a bigint, like the port (as a number).
 *
 * Positions: an event's place in $all is `{ commit, prepare }`, two byte offsets in the transaction
 * log. Every event appended over gRPC is its own implicitly committed record, so its commit and
 * prepare positions are equal (EventStoreDB's documentation: "to create a checkpoint, store either
 * the event's commit or prepare position"; only the legacy TCP client's explicit transactions
 * break this). The port's single `position` number is therefore the commit position, and
 * `{ commit: p, prepare: p }` rebuilds the exact, legitimate $all position of the event at p.
 *
 * Resuming from a stored number p:
 * - `subscribeToAll({ fromPosition })` is exclusive (documented: "you will only receive the next
 *   event after the subscribed position"), which is the port's "strictly after";
 * - `readAll({ fromPosition })` is inclusive (the server returns records at or after it), so the
 *   adapter drops events whose commit position is <= p;
 * - p = 0 means "nothing read yet" and maps to START, never to END: we never subscribe from the end.
 * The adapter drops events at or before the start in subscriptions too, so neither rule can ever
 * deliver an event twice.
 */
import { NO_STREAM, START, type AppendExpectedRevision, type Position, type ReadPosition } from '@eventstore/db-client';
import { InvalidEventStoreArgumentError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import { PositionOutOfRangeError } from './eventstoredb.errors';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The port's position of an event: its commit position, as an exact number. */
export function ledgerPositionOf(position: Position): number {
  if (position.commit < 0n || position.commit > MAX_SAFE) throw new PositionOutOfRangeError('commit position', position.commit);
  return Number(position.commit);
}

/** True when the event sits alone at its position, so one number addresses it (see the file comment). */
export function isSingleRecordPosition(position: Position): boolean {
  return position.commit === position.prepare;
}

/** A revision as the port's number. */
export function ledgerRevisionOf(revision: bigint): number {
  if (revision < 0n || revision > MAX_SAFE) throw new PositionOutOfRangeError('revision', revision);
  return Number(revision);
}

/** Where a read of $all or a subscription starts for the port's `fromPosition`. */
export function readPositionAfter(fromPosition: number): ReadPosition {
  assertPosition(fromPosition);
  if (fromPosition === 0) return START;
  const exact = BigInt(fromPosition);
  return { commit: exact, prepare: exact };
}

export function assertPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new InvalidEventStoreArgumentError(`A position must be a whole number >= 0, got ${String(position)}`, { position });
  }
}

/** The port's expected revision as EventStoreDB's. There is no mapping to ANY, on purpose. */
export function esdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidEventStoreArgumentError(`expectedRevision must be 'no_stream' or a revision >= 0, got ${String(expected)}`, {
      expectedRevision: expected,
    });
  }
  return BigInt(expected);
}

/** EventStoreDB's "current revision" of a stream (a bigint, or no_stream) as the port's (a number, or null). */
export function currentRevisionOf(current: bigint | string | undefined): number | null {
  if (typeof current !== 'bigint') return null;
  return current < 0n ? null : ledgerRevisionOf(current);
}
