/**
 * Keeps every read model served and current, on the one process that holds the projection lease:
 *
 * - the live runner follows the ledger into the serving generations this code builds;
 * - a read model whose serving generation another version built (a new release changed the
 *   projection) is rebuilt beside it by a second runner, from the whole ledger, while the old
 *   generation goes on answering; once the new one has caught up it gets its indexes, the live
 *   runner pauses for the last few events, and the new generation is swapped in (`activate`);
 * - at start, a read model whose checkpoint is past the event store's head halts everything:
 *   acknowledged events are missing from the ledger (ReadModelAvailability).
 *
 * `rebuild` builds new generations of chosen read models the same way on request
 * (`npm run projections:rebuild`).
 */
import type { AnyProjection } from '../../projections/projection';
import type { EventStore } from '../event-store/event-store.port';
import { ReadModelsAheadOfLedgerError } from '../read-models/read-model.errors';
import type { ReadModelAvailability } from '../read-models/read-model-availability';
import { generationName, servedPosition, type Generation, type ReadModelStore } from '../read-models/read-model-store.port';
import { buildingGenerations, frozenGenerations, liveGenerations, planReadModel } from './generation-plan';
import { CancellableDelay } from './idle';
import { PositionWaiters } from './position-waiters';
import { ProjectionRunner, type ProjectionRunnerLogger } from './projection-runner';
import type { RunnerTarget } from './runner-target';

export interface ProjectionDaemonOptions {
  logger: ProjectionRunnerLogger;
  /** Events per commit of the live runner (default 500). */
  batchSize?: number;
  /** Events per commit of a catch-up pass: a start-up replay, a rebuild (default DEFAULT_CATCH_UP_BATCH). */
  catchUpBatchSize?: number;
  /**
   * How long a retired generation is kept after a swap before it is dropped: readers in other
   * processes may still be reading it from a catalog they looked up a moment ago (MongoDB). 0 drops
   * at once (SQLite: one process per data directory).
   */
  retiredGraceMs?: number;
  /** Passed to the live runner (tests). */
  idleCommitMs?: number;
  retry?: { initialDelayMs?: number; maxDelayMs?: number; jitter?: number };
}

export interface RebuildReport {
  readModels: string[];
  position: number;
  seconds: number;
}

/**
 * Events per commit of a catch-up pass. A document many events touch (an indicator) is written once
 * per commit: at 100,000 events, 20,000 per commit took 0.9 of the CPU time of 5,000 (the rebuild
 * benchmark), for about 10 MB more at the peak.
 */
export const DEFAULT_CATCH_UP_BATCH = 20_000;

export class ProjectionDaemon {
  readonly live: ProjectionRunner;
  private readonly waiters = new PositionWaiters();
  private readonly catchUpBatchSize: number;
  private prepared = false;
  private liveRunning = false;
  /** Serving generations of other versions, answering as they stand until swapped out. */
  private frozen: Generation[] = [];
  /** The generations as they stood when the daemon halted (read models ahead of the ledger), else null. */
  private halted: Generation[] | null = null;
  private rebuildRunner: ProjectionRunner | null = null;
  private rebuilding: Promise<RebuildReport | null> | null = null;
  /** Set by stop and abandon: a rebuild cut short by them is not a failure. */
  private stopping = false;
  /** The grace period before retired generations are dropped: cut short by stop (they are dropped at the next start then). */
  private readonly dropDelay = new CancellableDelay();

  constructor(
    private readonly eventStore: EventStore,
    private readonly store: ReadModelStore,
    private readonly projections: readonly AnyProjection[],
    private readonly availability: ReadModelAvailability,
    private readonly options: ProjectionDaemonOptions,
  ) {
    this.catchUpBatchSize = options.catchUpBatchSize ?? DEFAULT_CATCH_UP_BATCH;
    this.live = new ProjectionRunner(eventStore, store, () => this.targets(liveGenerations), {
      name: 'live',
      logger: options.logger,
      batchSize: options.batchSize,
      catchUpBatchSize: this.catchUpBatchSize,
      idleCommitMs: options.idleCommitMs,
      retry: options.retry,
      onCommitted: () => this.waiters.notify(this.position),
    });
  }

  /**
   * Where the served read models stand: every event up to it is reflected in every generation that
   * answers queries (a frozen one included, which is why a rebuild holds read-your-writes back).
   */
  get position(): number {
    if (this.halted) return servedPosition(this.halted);
    return Math.min(this.live.position, ...this.frozen.map((generation) => generation.position));
  }

  /** True while a generation is being built beside a serving one. */
  get isRebuilding(): boolean {
    return this.rebuilding !== null;
  }

  /** Prepares the catalog and brings the live generations to the head; resolves with the position reached. */
  async catchUp(): Promise<number> {
    if (!(await this.prepare())) return this.position;
    await this.live.catchUp();
    await this.indexServing();
    return this.position;
  }

  /** Follows the ledger live, and rebuilds what needs it in the background; returns at once. */
  start(): void {
    if (this.liveRunning) return;
    this.liveRunning = true;
    this.stopping = false;
    const starting = async () => {
      if (!(await this.prepare()) || !this.liveRunning) return;
      // A new serving generation is filled before it is indexed (taking over a new store, say).
      if (await this.unindexedServing()) {
        await this.live.catchUp();
        await this.indexServing();
      }
      if (!this.liveRunning) return;
      this.live.start();
      this.startRebuild();
    };
    starting().catch((error: unknown) => this.options.logger.error('Projections could not prepare the read models; retried at the next start or lease takeover', error));
  }

  /** Stops both runners, committing what they hold; a rebuild resumes from its checkpoint at the next start. */
  async stop(): Promise<void> {
    this.liveRunning = false;
    this.stopping = true;
    this.dropDelay.cancel();
    await this.rebuildRunner?.abandon();
    await this.rebuilding?.catch(() => undefined);
    await this.live.stop();
    this.waiters.releaseAll();
    this.prepared = false;
  }

  /** Stops both runners without writing anything more (the lease is lost: the read models are another holder's now). */
  async abandon(): Promise<void> {
    this.liveRunning = false;
    this.stopping = true;
    this.dropDelay.cancel();
    await Promise.all([this.rebuildRunner?.abandon(), this.live.abandon()]);
    await this.rebuilding?.catch(() => undefined);
    this.prepared = false;
  }

  /** True once the served read models reflect `position`; false after `timeoutMs` or on stop. */
  async waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return true;
    return this.waiters.wait(position, timeoutMs);
  }

  /**
   * Builds new generations of the named read models (every one when none is named) from the whole
   * ledger and swaps them in. For `npm run projections:rebuild`, run while holding the lease.
   */
  async rebuild(names: readonly string[] = []): Promise<RebuildReport> {
    const unknown = names.filter((name) => !this.projections.some((projection) => projection.name === name));
    if (unknown.length > 0) throw new Error(`Unknown read model(s): ${unknown.join(', ')}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    this.stopping = false;
    if (!(await this.prepare())) throw this.availability.fault ?? new Error('The read models cannot be prepared');
    await this.rebuilding?.catch(() => undefined);
    const chosen = this.projections.filter((projection) => names.length === 0 || names.includes(projection.name));
    const generations = await this.store.generations();
    for (const projection of chosen) {
      for (const old of generations.filter((g) => g.readModel === projection.name && g.state === 'building')) await this.store.drop(old);
      await this.store.createGeneration(projection, 'building');
    }
    const report = await this.runRebuild();
    if (!report) throw new Error('The rebuild was stopped before it finished');
    await this.dropRetired();
    return report;
  }

  /**
   * Creates and drops what the catalog needs, and checks the ledger still holds every event the
   * read models reflect. False when it does not: the daemon is halted.
   */
  private async prepare(): Promise<boolean> {
    if (this.prepared) return !this.availability.fault;
    const head = await this.eventStore.headPosition();
    const before = await this.store.generations();
    for (const projection of this.projections) {
      const plan = planReadModel(projection, before);
      for (const obsolete of plan.obsolete) await this.store.drop(obsolete);
      // A new generation is filled first and indexed once caught up: loading without indexes, then
      // making each index in one sorted pass, is much faster than keeping them up to date row by row.
      if (plan.create) await this.store.createGeneration(projection, plan.create);
    }
    const generations = await this.store.generations();
    const ahead = generations.filter((generation) => generation.position > head);
    if (ahead.length > 0) {
      const fault = new ReadModelsAheadOfLedgerError(Math.max(...ahead.map((g) => g.position)), head, ahead.map(generationName));
      this.availability.halt(fault);
      this.halted = generations;
      this.options.logger.error(`${fault.message}. Nothing is served or written until an operator acts: see docs/operations.md, "Read models ahead of the ledger".`);
      return false;
    }
    this.availability.resume();
    this.halted = null;
    this.frozen = frozenGenerations(this.projections, generations);
    this.prepared = true;
    return true;
  }

  /** The serving generations of this code's versions that have no indexes yet (new, or left so by a crash). */
  private async unindexedServing(): Promise<RunnerTarget[]> {
    return (await this.targets(liveGenerations)).filter((target) => !target.generation.indexed);
  }

  private async indexServing(): Promise<void> {
    for (const target of await this.unindexedServing()) await this.store.createIndexes(target.projection, target.generation);
  }

  private startRebuild(): void {
    if (this.rebuilding) return;
    void this.targets(buildingGenerations).then((targets) => {
      if (targets.length === 0 || this.rebuilding || !this.liveRunning) return;
      this.runRebuild()
        .then((report) => (report ? this.dropRetired() : undefined))
        .catch((error: unknown) => this.options.logger.error('Rebuild failed; it resumes from its checkpoint at the next start', error));
    });
  }

  /** Builds the building generations up to the head, indexes them, and swaps them in. Null when stopped first. */
  private runRebuild(): Promise<RebuildReport | null> {
    const started = process.hrtime.bigint();
    const runner = new ProjectionRunner(this.eventStore, this.store, () => this.targets(buildingGenerations), {
      name: 'rebuild',
      logger: this.options.logger,
      catchUpBatchSize: this.catchUpBatchSize,
    });
    this.rebuildRunner = runner;
    const work = async (): Promise<RebuildReport | null> => {
      const targets = await this.targets(buildingGenerations);
      const names = targets.map((target) => target.projection.name);
      this.options.logger.log(`Rebuilding ${names.join(', ')} beside the serving generations`);
      await runner.catchUp();
      for (const target of await this.targets(buildingGenerations)) {
        if (!target.generation.indexed) await this.store.createIndexes(target.projection, target.generation);
      }
      const wasLive = this.liveRunning;
      // The last events since the catch-up go in while nothing else writes; then the swap.
      await this.live.stop({ pause: true });
      let position: number;
      try {
        position = await runner.catchUp();
        for (const target of await this.targets(buildingGenerations)) await this.store.activate(target.generation);
        this.frozen = frozenGenerations(this.projections, await this.store.generations());
      } finally {
        if (wasLive && this.liveRunning) this.live.start();
      }
      this.waiters.notify(this.position);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.logger.log(`Rebuilt ${names.join(', ')} up to position ${position} in ${seconds.toFixed(2)} s; now serving`);
      return { readModels: names, position, seconds };
    };
    this.rebuilding = work()
      .catch((error: unknown) => {
        if (this.stopping) return null;
        throw error;
      })
      .finally(() => {
        this.rebuilding = null;
        this.rebuildRunner = null;
      });
    return this.rebuilding;
  }

  /** Drops the retired generations once no reader can still be using them (after `retiredGraceMs`). */
  private async dropRetired(): Promise<void> {
    const graceMs = this.options.retiredGraceMs ?? 0;
    if (graceMs > 0) await this.dropDelay.sleep(graceMs);
    if (this.stopping) return;
    for (const generation of (await this.store.generations()).filter((g) => g.state === 'retired')) await this.store.drop(generation);
  }

  private async targets(select: typeof liveGenerations): Promise<RunnerTarget[]> {
    return select(this.projections, await this.store.generations());
  }
}
