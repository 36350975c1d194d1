/**
 * Read-your-writes on an instance that runs no projection runner (a standby: another instance holds
 * the projection lease). The holder commits the checkpoints in the same transaction as the
 * documents, so "the read models reflect position P" is exactly "every serving generation's stored
 * checkpoint is at P or beyond". One poll loop serves every waiting caller, and runs only while
 * someone waits.
 */
import { servedPosition, type ReadModelStore } from '../read-models/read-model-store.port';
import { PositionWaiters } from './position-waiters';

export class CheckpointFollower {
  private readonly waiters = new PositionWaiters();
  private polling = false;
  private lastSeen = 0;

  constructor(
    private readonly store: ReadModelStore,
    private readonly pollMs: number,
  ) {}

  /** The served position as last read (0 before the first read). */
  get position(): number {
    return this.lastSeen;
  }

  /** True once the served position is at `position` or beyond; false after `timeoutMs` or on `releaseAll`. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    const reached = this.waiters.wait(position, timeoutMs);
    if (!this.polling) {
      this.polling = true;
      void this.poll();
    }
    return reached;
  }

  /** Answers every waiting caller "not reached" (shutdown). */
  releaseAll(): void {
    this.waiters.releaseAll();
  }

  private async poll(): Promise<void> {
    for (;;) {
      try {
        this.lastSeen = servedPosition(await this.store.generations());
        this.waiters.notify(this.lastSeen);
      } catch {
        // The read store does not answer right now: keep trying until the callers' own deadlines.
      }
      // Decided and cleared in one synchronous step, so a caller arriving now either is counted
      // here or finds `polling` false and starts the next loop.
      if (this.waiters.pending === 0) {
        this.polling = false;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
