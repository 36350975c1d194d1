/**
 * Exactly one active projection runner among the app instances that share one read store.
 *
 * Each instance tries to take the projection lease (src/projection-lease). The holder runs the
 * runner and renews the lease every third of its time to live; the others stand by, run nothing
 * and try to take the lease at the same pace, so when the holder dies one of them takes over
 * within `ttlMs` plus one try (at once after a clean shutdown, which releases the lease).
 *
 * Losing the lease stops the runner AT ONCE and without writing what it has buffered
 * (`ProjectionRunner.abandon`). The holder counts its lease from the moment it SENT the request
 * that took or renewed it, on its own monotonic clock, so it believes in the lease no longer than
 * the server does; a watchdog stops the runner at that moment even when a renewal hangs. What the
 * lease cannot prevent — a commit already in flight when the lease ran out, a process frozen past
 * its lease — the read store's forward-only checkpoint decides: a commit behind the new holder's
 * checkpoint is refused whole, and one ahead of it carries a complete prefix of the same event log
 * that the new holder would have written the same way. The lease keeps the work single; the
 * checkpoint keeps it correct.
 *
 * Read-your-writes works on every instance: the holder waits on its runner, a standby polls the
 * stored checkpoint (CheckpointFollower).
 *
 * `exclusively` holds the same lease for one piece of work instead (`npm run projections:rebuild`),
 * so a rebuild never runs beside a live holder: it is refused while one holds the lease, and the
 * instances stand by while it runs.
 */
import type { ProjectionLease } from '../projection-lease/projection-lease.port';
import type { ReadModelStore } from '../read-models/read-model-store.port';
import { CheckpointFollower } from './checkpoint-follower';
import type { ProjectionRunnerLogger } from './projection-runner';
import { ProjectionLeaseHeldError, ProjectionLeaseLostError } from './projection-runner.errors';

export type ProjectionRole = 'holder' | 'standby' | 'stopped';

/** What the holder runs: the projection daemon (a single runner in tests). */
export interface ProjectionWorker {
  readonly position: number;
  catchUp(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  abandon(): Promise<void>;
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;
}

export interface ProjectionLeadershipOptions {
  /** This instance's name in the lease: unique per process. */
  holderId: string;
  /** How long a lease lasts without renewal; renewals and takeover attempts run every third of it. */
  ttlMs: number;
  /** How often a standby with waiting queries reads the stored checkpoints. Default 50 ms. */
  checkpointPollMs?: number;
  logger: ProjectionRunnerLogger;
  /** Monotonic milliseconds. */
  now?: () => number;
}

export class ProjectionLeadership<W extends ProjectionWorker = ProjectionWorker> {
  private currentRole: ProjectionRole = 'stopped';
  private readonly follower: CheckpointFollower;
  private readonly now: () => number;
  private readonly everyMs: number;
  private tickTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  /** The tick in progress, so `stop` can let it finish before releasing the lease. */
  private ticking: Promise<void> | null = null;
  private running = false;
  /** Holding the lease for one piece of work (`exclusively`): once lost, it is not taken again. */
  private exclusive = false;
  /** Monotonic time the lease runs out at, as far as this instance may assume. */
  private validUntil = 0;
  /** The runner being abandoned after a loss: it must be gone before it may start again. */
  private losing: Promise<void> | null = null;

  constructor(
    private readonly lease: ProjectionLease,
    readonly runner: W,
    store: ReadModelStore,
    private readonly options: ProjectionLeadershipOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.everyMs = Math.max(1, Math.floor(options.ttlMs / 3));
    this.follower = new CheckpointFollower(store, options.checkpointPollMs ?? 50);
  }

  /** 'holder' runs the runner; 'standby' runs nothing and waits to take over; 'stopped' before start and after stop. */
  get role(): ProjectionRole {
    return this.currentRole;
  }

  get holderId(): string {
    return this.options.holderId;
  }

  /** Where the read models are as far as this instance knows: the runner's position, or the stored checkpoint last read. */
  get position(): number {
    return this.currentRole === 'holder' ? this.runner.position : this.follower.position;
  }

  /**
   * First try for the lease. The holder brings the read models up to the head before this
   * resolves (as a single instance always did before serving requests) and then follows live; a
   * standby resolves at once. Either way the lease is renewed or retried every `ttlMs / 3` from now on.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.exclusive = false;
    this.currentRole = 'standby';
    const acquired = await this.attempt(() => this.lease.tryAcquire(this.holderId, this.options.ttlMs));
    this.schedule();
    if (!acquired) {
      this.options.logger.log(`Projection lease not taken (another instance holds it, or the store did not answer): '${this.holderId}' stands by`);
      return;
    }
    this.currentRole = 'holder';
    this.options.logger.log(`Projection lease taken by '${this.holderId}' (${this.lease.kind})`);
    try {
      await this.runner.catchUp();
    } catch (error) {
      // Lost the lease during the catch-up: the runner was abandoned and a standby does not need it.
      if (this.currentRole !== 'holder') return;
      // The read models cannot be brought up: fail the start as before, giving the lease back.
      await this.stop();
      throw error;
    }
    if (this.currentRole === 'holder') this.runner.start();
  }

  /**
   * Holds the lease while `work` runs on the runner, instead of following live: for work that must
   * not run beside a live holder (a rebuild). Refuses at once with ProjectionLeaseHeldError when
   * another instance holds the lease. Renews it every `ttlMs / 3` meanwhile; when it is lost, the
   * runner is abandoned (as a holder's would be), the lease is not taken again, and this rejects
   * with ProjectionLeaseLostError. At the end the runner is stopped (committing what it holds, the
   * lease still ours) and the lease released, whatever happened.
   */
  async exclusively<T>(work: (runner: W) => Promise<T>): Promise<T> {
    if (this.running) throw new Error(`The projection leadership of '${this.holderId}' is already running`);
    this.running = true;
    this.exclusive = true;
    const acquired = await this.attempt(() => this.lease.tryAcquire(this.holderId, this.options.ttlMs));
    if (!acquired) {
      this.running = false;
      clearTimeout(this.watchdog);
      throw new ProjectionLeaseHeldError(this.lease.kind);
    }
    this.currentRole = 'holder';
    this.options.logger.log(`Projection lease taken by '${this.holderId}' (${this.lease.kind}) for exclusive work`);
    this.schedule();
    try {
      const result = await work(this.runner);
      if (this.currentRole !== 'holder') throw new ProjectionLeaseLostError(this.holderId, this.runner.position);
      return result;
    } catch (error) {
      // The work failed because the runner was abandoned: say why, not only that it stopped.
      if (this.currentRole !== 'holder' && !(error instanceof ProjectionLeaseLostError)) throw new ProjectionLeaseLostError(this.holderId, this.runner.position);
      throw error;
    } finally {
      await this.stop();
    }
  }

  /** One step: the holder renews, a standby tries to take over. The timer calls it every `ttlMs / 3`; tests call it directly. */
  async tick(): Promise<void> {
    if (!this.running) return;
    const run = async () => {
      const holding = this.currentRole === 'holder';
      // Exclusive work that lost the lease is over: taking it again would restart the runner.
      if (this.exclusive && !holding) return;
      const ok = await this.attempt(() => (holding ? this.lease.renew(this.holderId, this.options.ttlMs) : this.lease.tryAcquire(this.holderId, this.options.ttlMs)));
      if (!this.running) return;
      if (ok && this.currentRole !== 'holder') {
        await this.losing;
        // Still ours after waiting for the old runner to go? Otherwise the next tick tries again.
        if (!this.running || this.now() >= this.validUntil) return;
        this.currentRole = 'holder';
        this.options.logger.log(`Projection lease taken over by '${this.holderId}': running the projections from the stored checkpoint`);
        this.runner.start();
      } else if (!ok && this.currentRole === 'holder') {
        await this.loseLease(holding ? 'the renewal was refused or failed' : 'it could not be taken');
      }
    };
    this.ticking = run().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  /** True once the read models reflect `position`; false after `timeoutMs`. Works as holder and as standby. */
  async waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = this.now() + timeoutMs;
    if (this.currentRole === 'holder' && (await this.runner.waitForPosition(position, timeoutMs))) return true;
    // A standby, or a holder whose runner stopped while we waited (the lease moved on): the stored
    // checkpoint tells, for whatever time is left (at least one look).
    return this.follower.waitForPosition(position, Math.max(0, deadline - this.now()));
  }

  /**
   * Brings the read models up to the head (shutdown drain). Only the holder has anything to do; a
   * standby answers the stored checkpoint it last saw without writing anything.
   */
  async catchUp(): Promise<number> {
    if (this.currentRole === 'holder') return this.runner.catchUp();
    return this.follower.position;
  }

  /** Stops trying, stops the runner (committing what it has, while the lease is still ours), then releases the lease. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.tickTimer);
    await this.ticking;
    clearTimeout(this.watchdog);
    const wasHolder = this.currentRole === 'holder';
    this.currentRole = 'stopped';
    await this.runner.stop();
    this.follower.releaseAll();
    if (wasHolder) {
      try {
        await this.lease.release(this.holderId);
        this.options.logger.log(`Projection lease released by '${this.holderId}'`);
      } catch (error) {
        this.options.logger.error(`Projection lease could not be released by '${this.holderId}'; it runs out by itself`, error);
      }
    }
  }

  /**
   * Calls the lease; true only when it says yes in time. The lease counts from before the request
   * was sent, so the local deadline never lies beyond the server's. An error or a hung call is "no".
   */
  private async attempt(call: () => Promise<boolean>): Promise<boolean> {
    const sentAt = this.now();
    let timer: NodeJS.Timeout | undefined;
    const tooLate = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.everyMs);
    });
    try {
      const ok = await Promise.race([call(), tooLate]);
      const deadline = sentAt + this.options.ttlMs;
      if (!ok || this.now() >= deadline) return false;
      this.validUntil = deadline;
      this.armWatchdog(deadline);
      return true;
    } catch (error) {
      this.options.logger.error(`Projection lease request by '${this.holderId}' failed`, error);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the runner when the lease runs out before a renewal extends it (a renewal that hangs or keeps failing). */
  private armWatchdog(deadline: number): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.currentRole === 'holder') void this.loseLease('it ran out before a renewal succeeded');
    }, Math.max(0, deadline - this.now()));
    this.watchdog.unref?.();
  }

  private async loseLease(why: string): Promise<void> {
    if (this.currentRole !== 'holder') return;
    this.currentRole = 'standby';
    clearTimeout(this.watchdog);
    this.options.logger.error(`Projection lease lost by '${this.holderId}' (${why}): projection runner stopped, standing by`);
    this.losing = this.runner.abandon().finally(() => {
      this.losing = null;
    });
    await this.losing;
  }

  private schedule(): void {
    if (!this.running) return;
    this.tickTimer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.everyMs);
    this.tickTimer.unref?.();
  }
}
