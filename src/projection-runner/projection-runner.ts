/**
 * Applies the projections to the read store: follows `$all` from a stored checkpoint, one event at
 * a time, and commits changed documents together with the checkpoint in batches.
 *
 * Why it is safe to crash anywhere: every document carries the position of the last event applied
 * to it, and an event at or before that position is skipped. Documents written without their
 * checkpoint (a crash in between, or a store that cannot write both atomically) are therefore
 * never applied twice when the runner replays from the older checkpoint.
 *
 * The batch is a working set (pending-batch.ts): each document an event touches is evolved from
 * its latest version in the batch (event-applier.ts) and written once per commit. On the in-memory
 * store the runner evolves the store's own documents (`peekDocument`: projections are pure, they
 * never change what they are given) and hands the batch over at commit, so a document is never
 * copied on its way in or out; a failed batch is simply dropped, the store never saw it.
 *
 * No Nest here: a provider wraps it (src/infrastructure/projection.service.ts).
 */
import type { ProjectedDocument, ProjectionDefinition } from '../../projections/projection';
import type { EventStore, Subscription } from '../event-store/event-store.port';
import type { ReadStore } from '../read-store/read-store.port';
import { ExponentialBackoff } from './backoff';
import { EventApplier } from './event-applier';
import { CancellableDelay, settlesWithin } from './idle';
import { PendingBatch } from './pending-batch';
import { PositionWaiters } from './position-waiters';
import { ProjectionRunnerStoppedError, SubscriptionEndedError } from './projection-runner.errors';

export type ProjectionRunnerState = 'stopped' | 'catching_up' | 'live' | 'failed';

export interface ProjectionRunnerLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ProjectionRunnerOptions {
  /** Checkpoint name in the read store. Default 'read-models'. */
  name?: string;
  /** Events per commit while catching up. Default 500. */
  batchSize?: number;
  /**
   * Events per commit in a one-off catch-up pass (`catchUp()` while stopped: the start-up replay).
   * Defaults to `batchSize`. The embedded read store takes far more: each commit copies every
   * changed document once, so fewer commits mean fewer copies of the documents many events touch.
   */
  catchUpBatchSize?: number;
  logger?: ProjectionRunnerLogger;
  /**
   * Delay before resubscribing after a failure: doubles from `initialDelayMs` (100) up to
   * `maxDelayMs` (5000), less up to `jitter` (0.2) of it at random; back to the start after a commit.
   */
  retry?: { initialDelayMs?: number; maxDelayMs?: number; jitter?: number };
  /**
   * How long the feed may stay silent before buffered changes are committed. 0 (the default)
   * commits as soon as no event is already at hand, so a single live event is visible at once.
   */
  idleCommitMs?: number;
  /** Test hooks that simulate crashes. Never set in production. */
  faults?: {
    /**
     * Called after the documents were written but before the checkpoint. When set, the runner
     * writes the documents on their own first (as a store without transactions would) so the
     * hook can "crash" in between.
     */
    afterWriteBeforeCheckpoint?: () => void;
  };
}

export interface ProjectionRunnerFailure {
  message: string;
  at: Date;
}

/** Events read per page in a catch-up pass; commits may span several pages (`catchUpBatchSize`). */
const CATCH_UP_PAGE_SIZE = 1000;

const DEFAULTS = { name: 'read-models', batchSize: 500, initialDelayMs: 100, maxDelayMs: 5000, jitter: 0.2, idleCommitMs: 0 };

const consoleLogger: ProjectionRunnerLogger = {
  log: (message) => console.log(message),
  error: (message, error) => console.error(message, error),
};

export class ProjectionRunner {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly catchUpBatchSize: number;
  private readonly logger: ProjectionRunnerLogger;
  private readonly idleCommitMs: number;
  private readonly faults: NonNullable<ProjectionRunnerOptions['faults']>;

  private committed = 0;
  private currentState: ProjectionRunnerState = 'stopped';
  private failure: ProjectionRunnerFailure | null = null;
  private indexesReady = false;
  private readonly batch = new PendingBatch();
  private readonly applier: EventApplier;
  private readonly waiters = new PositionWaiters();
  private readonly backoff = new CancellableDelay();
  private readonly retry: ExponentialBackoff;
  private dropCount = 0;
  private resubscribeCount = 0;

  /** The live loop, while started. */
  private loop: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private stopRequested = false;
  /** Set while `abandon` runs: nothing more may be committed. */
  private abandoning = false;
  /** A one-off catch-up pass, while one runs with the loop stopped. */
  private pass: Promise<number> | null = null;
  /** Head of the store when the current subscription began: reaching it means "live". */
  private catchUpTarget = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly projections: readonly ProjectionDefinition<ProjectedDocument>[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.name = options.name ?? DEFAULTS.name;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULTS.batchSize);
    this.catchUpBatchSize = Math.max(1, options.catchUpBatchSize ?? this.batchSize);
    this.logger = options.logger ?? consoleLogger;
    this.retry = new ExponentialBackoff({
      initialDelayMs: options.retry?.initialDelayMs ?? DEFAULTS.initialDelayMs,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULTS.maxDelayMs,
      jitter: options.retry?.jitter ?? DEFAULTS.jitter,
    });
    this.idleCommitMs = options.idleCommitMs ?? DEFAULTS.idleCommitMs;
    this.faults = options.faults ?? {};
    this.applier = new EventApplier(projections, readStore, this.batch);
  }

  /** Last committed position: every event up to it is reflected in the read store. */
  get position(): number {
    return this.committed;
  }

  get state(): ProjectionRunnerState {
    return this.currentState;
  }

  /** The most recent failure, kept after recovery so a health check can show it with its time. */
  get lastError(): ProjectionRunnerFailure | null {
    return this.failure;
  }

  /** How often the live loop lost its subscription (an error, or the feed ending unasked) since construction. */
  get drops(): number {
    return this.dropCount;
  }

  /** Failed attempts in a row right now: 0 once a commit succeeds again. */
  get retries(): number {
    return this.retry.attempts;
  }

  /** Subscriptions opened again after a drop, since construction. */
  get resubscriptions(): number {
    return this.resubscribeCount;
  }

  /**
   * Starts following the store from the stored checkpoint and returns at once. Failures never
   * reach the caller: the loop logs them and resubscribes from the checkpoint with backoff.
   */
  start(): void {
    if (this.loop) return;
    this.stopRequested = false;
    this.loop = this.runLoop();
  }

  /** Closes the subscription, commits what is buffered and waits for the loop to end. */
  async stop(): Promise<void> {
    if (this.loop) {
      this.stopRequested = true;
      this.backoff.cancel();
      await this.subscription?.close();
      await this.loop;
      this.loop = null;
    }
    this.waiters.releaseAll();
  }

  /**
   * Stops WITHOUT writing anything more: what is buffered is dropped, not committed, and a catch-up
   * pass in progress ends before its next commit. For a runner whose lease is lost (see
   * src/projection-runner/projection-leadership.ts): from now on the read models are the new
   * holder's to write. A commit already in flight cannot be recalled; the read store's forward-only
   * checkpoint refuses it if the new holder is already ahead.
   */
  async abandon(): Promise<void> {
    this.abandoning = true;
    try {
      await this.stop();
      await this.pass?.catch(() => undefined);
    } finally {
      this.abandoning = false;
    }
  }

  /**
   * Brings the read models up to the store's current head and resolves with the position reached.
   * Stopped: reads page by page (no subscription) and stays stopped; a failure rejects. Started:
   * waits for the loop to get there — through its retries, however long they take — and rejects
   * with ProjectionRunnerStoppedError if it is stopped first.
   */
  async catchUp(): Promise<number> {
    if (this.loop) {
      const head = await this.eventStore.headPosition();
      if (this.committed < head && !(await this.waiters.wait(head))) throw new ProjectionRunnerStoppedError(head, this.committed);
      return this.committed;
    }
    this.pass ??= this.catchUpOnce().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  /** Drops every projection's documents and the checkpoint, then replays from position 0 and goes on live. */
  async rebuild(): Promise<number> {
    await this.stop();
    const collections = [...new Set(this.projections.map((projection) => projection.collection))];
    await this.readStore.reset(collections, this.name);
    this.committed = 0;
    this.indexesReady = false;
    await this.ensureIndexes();
    this.logger.log(`Projections '${this.name}': read models reset, rebuilding from position 0`);
    this.start();
    return this.catchUp();
  }

  /** True as soon as the committed position is >= `position`; false after `timeoutMs` or on stop. */
  async waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.committed >= position) return true;
    return this.waiters.wait(position, timeoutMs);
  }

  private async runLoop(): Promise<void> {
    // A catch-up pass already running owns the batch; let it finish (its caller gets its errors).
    if (this.pass) await this.pass.catch(() => undefined);
    while (!this.stopRequested) {
      try {
        await this.followSubscription();
        if (!this.stopRequested) throw new SubscriptionEndedError(this.committed);
      } catch (error) {
        this.recordFailure(error);
        if (this.stopRequested) {
          this.logger.error(`Projections '${this.name}' failed while stopping at position ${this.committed}; the rest is replayed on the next start`, error);
          break;
        }
        this.dropCount += 1;
        const delayMs = this.retry.next();
        this.logger.error(
          `Projections '${this.name}' failed at position ${this.committed} (drop ${this.dropCount}, retry ${this.retry.attempts}); resubscribing from the checkpoint in ${delayMs} ms`,
          error,
        );
        await this.backoff.sleep(delayMs);
        if (!this.stopRequested) this.resubscribeCount += 1;
      }
    }
    this.currentState = 'stopped';
  }

  private async followSubscription(): Promise<void> {
    await this.ensureIndexes();
    this.committed = await this.readStore.loadCheckpoint(this.name);
    this.catchUpTarget = await this.eventStore.headPosition();
    this.currentState = this.committed >= this.catchUpTarget ? 'live' : 'catching_up';
    if (this.stopRequested) return;

    const subscription = this.eventStore.subscribeToAll(this.committed);
    this.subscription = subscription;
    try {
      const events = subscription[Symbol.asyncIterator]();
      for (;;) {
        const next = events.next();
        if (this.batch.eventCount > 0 && !(await settlesWithin(next, this.idleCommitMs))) {
          await this.commit();
          // Nothing more at hand: caught up, whatever head the store reported when we subscribed.
          this.markLive();
        }
        const result = await next;
        if (result.done) break;
        const applying = this.applier.apply(result.value);
        if (applying) await applying;
        if (this.batch.eventCount >= this.batchSize) await this.commit();
      }
      await this.commit();
    } finally {
      this.subscription = null;
      await subscription.close();
    }
  }

  private async catchUpOnce(): Promise<number> {
    this.currentState = 'catching_up';
    try {
      await this.ensureIndexes();
      this.committed = await this.readStore.loadCheckpoint(this.name);
      const head = await this.eventStore.headPosition();
      let from = this.committed;
      while (from < head) {
        const page = await this.eventStore.readAll({ fromPosition: from, limit: Math.min(this.catchUpBatchSize, CATCH_UP_PAGE_SIZE) });
        if (page.length === 0) break;
        for (const event of page) {
          const applying = this.applier.apply(event);
          if (applying) await applying;
        }
        if (this.abandoning) throw new ProjectionRunnerStoppedError(head, this.committed);
        if (this.batch.eventCount >= this.catchUpBatchSize) await this.commit();
        from = page[page.length - 1].position;
      }
      await this.commit();
      this.currentState = 'stopped';
      this.logger.log(`Projections '${this.name}' caught up at position ${this.committed}`);
      return this.committed;
    } catch (error) {
      this.recordFailure(error);
      this.logger.error(`Projections '${this.name}' failed to catch up at position ${this.committed}`, error);
      throw error;
    }
  }

  /** Writes the batch and its checkpoint, then tells whoever waits for a position. */
  private async commit(): Promise<void> {
    const position = this.batch.position;
    if (position === null) return;
    if (this.abandoning) {
      this.logger.log(`Projections '${this.name}' dropped ${this.batch.eventCount} uncommitted event(s) up to position ${position}: abandoned`);
      this.batch.clear();
      return;
    }
    const writes = this.batch.writes();
    const hook = this.faults.afterWriteBeforeCheckpoint;
    if (hook) {
      for (const [collection, documents] of writes) await this.readStore.collection(collection).replaceMany(documents);
      hook();
    }
    // The batch's documents are handed over: cleared below, never touched again by the runner.
    await this.readStore.commit(writes, { name: this.name, position }, { handOver: true });
    this.batch.clear();
    this.committed = position;
    this.retry.reset();
    // Following a subscription and past the head it started from: live. Set before waiters wake,
    // so whoever waited for this position sees the state that goes with it.
    if (this.subscription && this.committed >= this.catchUpTarget) this.markLive();
    this.waiters.notify(position);
  }

  private markLive(): void {
    if (this.currentState === 'live') return;
    this.currentState = 'live';
    this.logger.log(`Projections '${this.name}' are live at position ${this.committed}`);
  }

  private recordFailure(error: unknown): void {
    // Uncommitted changes are dropped: they are replayed from the checkpoint on resubscribe.
    this.batch.clear();
    this.currentState = 'failed';
    this.failure = { message: error instanceof Error ? error.message : String(error), at: new Date() };
  }

  private async ensureIndexes(): Promise<void> {
    if (this.indexesReady) return;
    for (const projection of this.projections) {
      if (projection.indexes.length > 0) await this.readStore.collection(projection.collection).createIndexes(projection.indexes);
    }
    this.indexesReady = true;
  }
}
