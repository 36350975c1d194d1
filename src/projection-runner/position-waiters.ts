/** Callers waiting for the committed position to reach a target: notified on commit, not polled. */
interface Waiter {
  target: number;
  settle(reached: boolean): void;
}

export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** How many callers are waiting now. */
  get pending(): number {
    return this.waiters.size;
  }

  /**
   * Resolves true once `notify` reports a position >= target, false after `timeoutMs` (when given)
   * or when `releaseAll` is called.
   */
  wait(target: number, timeoutMs?: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        target,
        settle: (reached) => {
          if (timer) clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      this.waiters.add(waiter);
      if (timeoutMs !== undefined) timer = setTimeout(() => waiter.settle(false), Math.max(0, timeoutMs));
    });
  }

  notify(position: number): void {
    for (const waiter of [...this.waiters]) if (position >= waiter.target) waiter.settle(true);
  }

  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.settle(false);
  }
}
