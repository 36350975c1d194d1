/**
 * The embedded mode's lease: it coordinates holders inside ONE process only. That is the whole
 * world of the embedded read store (in memory, one per process), so it is honest there; tests also
 * share one between two runners to act out a takeover. It never sees another process: a shared
 * read store (MongoDB) needs the MongoDB lease.
 */
import { assertLeaseTtl, type ProjectionLease } from './projection-lease.port';

export class SingleProcessLease implements ProjectionLease {
  readonly kind = 'single-process';
  private holder: string | null = null;
  private expiresAt = 0;

  /** `now` is monotonic milliseconds; tests pass their own to make a lease run out. */
  constructor(private readonly now: () => number = () => performance.now()) {}

  async tryAcquire(holderId: string, ttlMs: number): Promise<boolean> {
    assertLeaseTtl(ttlMs);
    if (this.holder !== null && this.holder !== holderId && this.now() < this.expiresAt) return false;
    this.holder = holderId;
    this.expiresAt = this.now() + ttlMs;
    return true;
  }

  async renew(holderId: string, ttlMs: number): Promise<boolean> {
    assertLeaseTtl(ttlMs);
    if (this.holder !== holderId || this.now() >= this.expiresAt) return false;
    this.expiresAt = this.now() + ttlMs;
    return true;
  }

  async release(holderId: string): Promise<void> {
    if (this.holder !== holderId) return;
    this.holder = null;
    this.expiresAt = 0;
  }
}
