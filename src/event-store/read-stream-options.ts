/** The one reading of read arguments both adapters share, so they refuse the same arguments. */
import { InvalidEventStoreArgumentError } from './event-store.errors';
import type { ReadStreamOptions } from './event-store.port';

/** The first revision to read: 0 when not given; a negative or fractional revision is refused, not rounded. */
export function firstRevisionToRead(options: ReadStreamOptions | undefined): number {
  const fromRevision = options?.fromRevision ?? 0;
  if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) {
    throw new InvalidEventStoreArgumentError(`fromRevision must be a whole number >= 0, got ${String(fromRevision)}`, { fromRevision });
  }
  return fromRevision;
}

/** `countAfter`'s bound: a whole number >= 1 (counting "at most 0" would always answer 0). */
export function assertCountLimit(atMost: number): void {
  if (!Number.isSafeInteger(atMost) || atMost < 1) {
    throw new InvalidEventStoreArgumentError(`countAfter needs atMost to be a whole number >= 1, got ${String(atMost)}`, { atMost });
  }
}
