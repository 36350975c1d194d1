/**
 * Who may run the projections. When several app instances share one persistent read store, exactly
 * one of them — the holder of this lease — runs the projection runner; the others stand by and keep
 * trying to take the lease over. A lease is held for a time to live and must be renewed before it
 * runs out, so a holder that dies (or is cut off) loses it by itself after at most `ttlMs`.
 *
 * Implementations: MongoDB (`mongo-projection-lease.ts`, one document beside the read models) and a
 * single-process one (`single-process-lease.ts`) for the embedded mode, whose read store lives in
 * one process anyway.
 */
export interface ProjectionLease {
  /** Where the lease lives: 'mongodb' or 'single-process'. */
  readonly kind: string;
  /**
   * Takes the lease when it is free, expired or already `holderId`'s, for `ttlMs` from now.
   * True when `holderId` holds it afterwards; false when another holder's lease is still running.
   */
  tryAcquire(holderId: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease `holderId` still holds by `ttlMs` from now; false when it ran out or another holder has it. */
  renew(holderId: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up when `holderId` holds it, so a standby can take over without waiting for it to run out. */
  release(holderId: string): Promise<void>;
}

/** The one lease of the ledger: the right to run the projection runner over the shared read models. */
export const PROJECTION_RUNNER_LEASE = 'projection-runner';

/** Refuses a time to live no lease can honour: renewals run every third of it. */
export function assertLeaseTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 3) throw new RangeError(`A lease time to live must be a whole number of milliseconds >= 3, got ${ttlMs}`);
}
