/** Small timing helpers for the runner: "is more already on its way?" and a sleep that stop() can cut short. */

/**
 * True when `next` settles within `idleMs`, false when the time passes first. An event that is
 * already buffered in the subscription settles in a microtask, long before a timer fires, so
 * "false" means the feed has nothing more at hand and it is time to commit. A rejection of
 * `next` propagates.
 *
 * 0 ms waits for the next turn of the event loop (`setImmediate`) rather than a timer: that is
 * exactly "once the microtasks at hand have run", it costs no timer list entry on every event, and
 * a timer of 0 would really wait 1 ms before a read-your-writes caller sees the commit.
 */
export function settlesWithin(next: Promise<unknown>, idleMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const idle = () => resolve(false);
    const handle = idleMs > 0 ? setTimeout(idle, idleMs) : setImmediate(idle);
    const stopWaiting = () => (idleMs > 0 ? clearTimeout(handle as NodeJS.Timeout) : clearImmediate(handle as NodeJS.Immediate));
    next.then(
      () => {
        stopWaiting();
        resolve(true);
      },
      (error: unknown) => {
        stopWaiting();
        reject(error);
      },
    );
  });
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
