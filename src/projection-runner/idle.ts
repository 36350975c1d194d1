/** Small timing helpers for the runner: "is more already on its way?" and a sleep that stop() can cut short. */

/**
 * True when `next` settles within `idleMs`, false when the time passes first. An event that is
 * already buffered in the subscription settles in a microtask, long before a timer fires, so
 * "false" means the feed has nothing more at hand and it is time to commit. A rejection of
 * `next` propagates.
 */
export async function settlesWithin(next: Promise<unknown>, idleMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), idleMs);
  });
  try {
    return await Promise.race([next.then(() => true as const), idle]);
  } finally {
    clearTimeout(timer);
  }
}

/** A delay that can be ended early; `cancel` makes a pending `sleep` resolve at once. */
export class CancellableDelay {
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(() => this.cancel(), ms);
    });
  }

  cancel(): void {
    clearTimeout(this.timer);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
