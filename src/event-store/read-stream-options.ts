/** The one reading of `ReadStreamOptions` both adapters share, so they refuse the same arguments. */
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
