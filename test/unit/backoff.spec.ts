/** Bounded exponential backoff for resubscribing after a drop. */
import { ExponentialBackoff } from '../../src/projection-runner/backoff';

const delays = (backoff: ExponentialBackoff, count: number) => Array.from({ length: count }, () => backoff.next());

describe('ExponentialBackoff', () => {
  it('doubles from the initial delay up to the ceiling, and stays there', () => {
    expect(delays(new ExponentialBackoff({ initialDelayMs: 100, maxDelayMs: 5000 }), 9)).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('counts the failures in a row and starts over after reset', () => {
    const backoff = new ExponentialBackoff({ initialDelayMs: 10, maxDelayMs: 1000 });
    delays(backoff, 3);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(10);
  });

  it('takes at most the jitter share off each delay, never adding to it', () => {
    const lowest = new ExponentialBackoff({ initialDelayMs: 100, maxDelayMs: 400, jitter: 0.25, random: () => 0.999999 });
    expect(delays(lowest, 4)).toEqual([75, 150, 300, 300]);
    const none = new ExponentialBackoff({ initialDelayMs: 100, maxDelayMs: 400, jitter: 0.25, random: () => 0 });
    expect(delays(none, 4)).toEqual([100, 200, 400, 400]);
  });

  it('keeps to its bounds whatever it is given', () => {
    const odd = new ExponentialBackoff({ initialDelayMs: 50, maxDelayMs: 10, factor: 0.5, jitter: 3, random: () => 0 });
    expect(delays(odd, 3)).toEqual([50, 50, 50]);
    const long = new ExponentialBackoff({ initialDelayMs: 1, maxDelayMs: 60_000 });
    expect(delays(long, 200).at(-1)).toBe(60_000);
  });
});
