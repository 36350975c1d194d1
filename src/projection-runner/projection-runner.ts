/**
 * Applies projections to generations of their read models: follows `$all` from the checkpoints the
 * generations have reached, and commits the changed documents together with the checkpoints, in
 * batches, in one transaction of the read-model store. Each generation has a checkpoint of its
 * own, so generations at different positions can share one runner: the runner reads from the
 * lowest and gives each generation only the events it has not reflected yet.
 *
 * Why it is safe to crash anywhere: documents and checkpoints are committed together, and every
 * document also carries the position of the last event applied to it, so an event is never
 * applied twice even by a runner that replays from an older checkpoint.
 *
 * The batch is a working set (pending-batch.ts): each document an event touches is evolved from
 * its latest version in the batch (event-applier.ts) and written once per commit.
 *
 * No Nest here: the projection daemon (projection-daemon.ts) runs it.
 */
import type { EventStore, Subscription } from '../event-store/event-store.port';
import type { GenerationWrite, ReadModelStore } from '../read-models/read-model-store.port';
import { ExponentialBackoff } from './backoff';
import { EventApplier } from './event-applier';
import { CancellableDelay, settlesWithin } from './idle';
import { PendingBatch } from './pending-batch';
import { PositionWaiters } from './position-waiters';
import { ProjectionRunnerStoppedError, SubscriptionEndedError } from './projection-runner.errors';
import { tracked, type TargetSource, type TrackedTarget } from './runner-target';

export type ProjectionRunnerState = 'stopped' | 'catching_up' | 'live' | 'failed';

export interface ProjectionRunnerLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ProjectionRunnerOptions {
  /** Its name in log lines. Default 'read-models'. */
  name?: string;
  /** Events per commit while following the feed. Default 500. */
  batchSize?: number;
  /**
   * Events per commit in a one-off catch-up pass (`catchUp()` while stopped: a start-up replay, a
   * rebuild). Defaults to `batchSize`. Larger commits write a document many events touch (an
   * indicator, a unit) fewer times.
   */
  catchUpBatchSize?: number;
  /** Told every position the runner commits, after it is committed. */
  onCommitted?: (position: number) => void;
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
  private readonly onCommitted: (position: number) => void;

  private committed = 0;
  private targets: TrackedTarget[] = [];
  private currentState: ProjectionRunnerState = 'stopped';
  private failure: ProjectionRunnerFailure | null = null;
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
    private readonly store: ReadModelStore,
    private readonly targetSource: TargetSource,
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
    this.onCommitted = options.onCommitted ?? (() => undefined);
    this.applier = new EventApplier(store, this.batch);
  }

  /** Last committed position: every event up to it is reflected in every generation the runner writes. */
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

  /**
   * Closes the subscription, commits what is buffered and waits for the loop to end. Callers waiting
   * for a position are answered "not reached", unless `pause` says the runner starts again soon
   * (a generation is being swapped in): they keep waiting then.
   */
  async stop(options: { pause?: boolean } = {}): Promise<void> {
    if (this.loop) {
      this.stopRequested = true;
      this.backoff.cancel();
      await this.subscription?.close();
      await this.loop;
      this.loop = null;
    }
    if (!options.pause) this.waiters.releaseAll();
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
    await this.loadTargets();
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
        await this.applier.apply([result.value]);
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
      await this.loadTargets();
      const head = await this.eventStore.headPosition();
      let from = this.committed;
      while (from < head) {
        const page = await this.eventStore.readAll({ fromPosition: from, limit: Math.min(this.catchUpBatchSize, CATCH_UP_PAGE_SIZE) });
        if (page.length === 0) break;
        await this.applier.apply(page);
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

  /** Writes the batch and the checkpoints it reaches, then tells whoever waits for a position. */
  private async commit(): Promise<void> {
    const position = this.batch.position;
    if (position === null) return;
    if (this.abandoning) {
      this.logger.log(`Projections '${this.name}' dropped ${this.batch.eventCount} uncommitted event(s) up to position ${position}: abandoned`);
      this.batch.clear();
      return;
    }
    const writes: GenerationWrite[] = this.targets.map((target) => ({
      projection: target.projection,
      generation: target.generation,
      documents: this.batch.documents(target.key),
      position: Math.max(target.position, position),
    }));
    await this.store.commit(writes);
    this.batch.clear();
    writes.forEach((write, i) => (this.targets[i].position = write.position));
    this.committed = position;
    this.retry.reset();
    // Following a subscription and past the head it started from: live. Set before waiters wake,
    // so whoever waited for this position sees the state that goes with it.
    if (this.subscription && this.committed >= this.catchUpTarget) this.markLive();
    this.waiters.notify(position);
    this.onCommitted(position);
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

  /**
   * Looks the generations up again (another process may have swapped one in since) and starts from
   * the lowest checkpoint among them. With none to write, the runner stands at the event store's head.
   */
  private async loadTargets(): Promise<void> {
    this.targets = (await this.targetSource()).map(tracked);
    this.applier.use(this.targets);
    this.committed = this.targets.length > 0 ? Math.min(...this.targets.map((target) => target.position)) : await this.eventStore.headPosition();
  }
}
