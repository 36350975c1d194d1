/**
 * The projection lease on MongoDB: one document in the `leases` collection, in the read models'
 * own database, `{ _id: 'projection-runner', holder, expiresAt, acquiredAt }`.
 *
 * - Every comparison and every new `expiresAt` uses the SERVER's clock (`$$NOW`), never the app's:
 *   instances with skewed clocks still agree on when a lease ran out. What remains is the clock
 *   difference between replica-set members after a failover (NTP keeps it to milliseconds, far
 *   below the time to live).
 * - Taking the lease is one conditional update of that document: it matches only when the lease is
 *   ours already or has run out, so of two instances trying at once exactly one matches.
 * - The server refuses `$expr` in the filter of an upsert (error 224), so the document is created,
 *   free, by a separate `$setOnInsert` upsert the first time it is missing. Two instances creating
 *   it at once: one inserts, the other gets a duplicate key (or, on 4.2+, a match): not acquired.
 * - Writes use write concern `majority`: an acquisition acknowledged to us survives the loss of
 *   the primary, so a failover can never hand the same lease to a second holder.
 */
import type { Collection } from 'mongodb';
import { isDuplicateKey } from '../read-models/mongo/mongo-errors';
import { assertLeaseTtl, PROJECTION_RUNNER_LEASE, type ProjectionLease } from './projection-lease.port';

export const LEASES_COLLECTION = 'leases';

export interface LeaseDocument {
  _id: string;
  /** The instance holding the lease; null once released. */
  holder: string | null;
  /** Server time the lease runs out at (the epoch when free). */
  expiresAt: Date;
  /** Server time the current holder took it. */
  acquiredAt?: Date;
}

export type LeaseCollection = Pick<Collection<LeaseDocument>, 'updateOne'>;

const MAJORITY = { writeConcern: { w: 'majority' as const } };
/** A free lease: run out since the epoch, whatever any clock says. */
const FREE = { holder: null, expiresAt: new Date(0) };

export class MongoProjectionLease implements ProjectionLease {
  readonly kind = 'mongodb';

  constructor(
    private readonly leases: LeaseCollection,
    private readonly name: string = PROJECTION_RUNNER_LEASE,
  ) {}

  async tryAcquire(holderId: string, ttlMs: number): Promise<boolean> {
    assertLeaseTtl(ttlMs);
    if (await this.takeIfFree(holderId, ttlMs)) return true;
    // Nothing matched: another holder's lease is running, or there is no lease document yet.
    if (!(await this.createFree())) return false;
    return this.takeIfFree(holderId, ttlMs);
  }

  async renew(holderId: string, ttlMs: number): Promise<boolean> {
    assertLeaseTtl(ttlMs);
    const result = await this.leases.updateOne(
      { _id: this.name, holder: holderId, $expr: { $gt: ['$expiresAt', '$$NOW'] } },
      [{ $set: { expiresAt: { $add: ['$$NOW', ttlMs] } } }],
      MAJORITY,
    );
    return result.matchedCount === 1;
  }

  async release(holderId: string): Promise<void> {
    await this.leases.updateOne({ _id: this.name, holder: holderId }, { $set: FREE }, MAJORITY);
  }

  /** The atomic step: ours already, or run out (server time), becomes ours for `ttlMs` from the server's now. */
  private async takeIfFree(holderId: string, ttlMs: number): Promise<boolean> {
    const result = await this.leases.updateOne(
      { _id: this.name, $or: [{ holder: holderId }, { $expr: { $lte: ['$expiresAt', '$$NOW'] } }] },
      [
        {
          $set: {
            holder: holderId,
            expiresAt: { $add: ['$$NOW', ttlMs] },
            // In a pipeline `$holder` is still the previous holder: a renewal by acquisition keeps its start.
            acquiredAt: { $cond: [{ $eq: ['$holder', holderId] }, '$acquiredAt', '$$NOW'] },
          },
        },
      ],
      MAJORITY,
    );
    return result.matchedCount === 1;
  }

  /** Inserts the lease document, free, when there is none. True only when this call inserted it. */
  private async createFree(): Promise<boolean> {
    try {
      const result = await this.leases.updateOne({ _id: this.name }, { $setOnInsert: FREE }, { upsert: true, ...MAJORITY });
      return result.upsertedCount === 1;
    } catch (error) {
      // Another instance inserted it at the same moment: that instance takes it; we try again later.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
