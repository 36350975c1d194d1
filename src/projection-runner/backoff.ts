/**
 * Bounded exponential backoff for resubscribing: the delay doubles after each failure up to a
 * ceiling and returns to the start after a success. Jitter takes a random part off each delay, so
 * instances dropped together by one server restart do not all come back in the same instant; it
 * only ever shortens a delay, so the ceiling holds.
 */
export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Growth per failure. Default 2. */
  factor?: number;
  /** Largest share of a delay taken off at random, 0–1. Default 0 (none). */
  jitter?: number;
  /** Source of randomness in [0, 1); tests pass a fixed one. */
  random?: () => number;
}

export class ExponentialBackoff {
  private failures = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions) {
    this.initialDelayMs = Math.max(0, options.initialDelayMs);
    this.maxDelayMs = Math.max(this.initialDelayMs, options.maxDelayMs);
    this.factor = Math.max(1, options.factor ?? 2);
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0));
    this.random = options.random ?? Math.random;
  }

  /** Failures since the last success: how many retries in a row this is. */
  get attempts(): number {
    return this.failures;
  }

  /** Counts a failure and returns how long to wait before the next attempt. */
  next(): number {
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * this.factor ** Math.min(this.failures, 64));
    this.failures += 1;
    return Math.round(base * (1 - this.jitter * this.random()));
  }

  /** After a success: the next failure waits the initial delay again. */
  reset(): void {
    this.failures = 0;
  }
}
