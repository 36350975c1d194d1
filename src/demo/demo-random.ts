/**
 * The demo year's randomness: seeded, so every run builds the same store. Each target draws from a
 * generator of its own, seeded from its name, so building a subset of the indicators gives them the
 * very figures the full year gives them.
 */
import { createHash } from 'node:crypto';
import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';

const RESOLUTION = 2 ** 30;

export class DemoRandom {
  private readonly generator: RandomGenerator;

  constructor(name: string) {
    this.generator = xoroshiro128plus(createHash('sha256').update(`demo:${name}`).digest().readInt32BE(0));
  }

  /** A number in [0, 1). */
  next(): number {
    return unsafeUniformIntDistribution(0, RESOLUTION - 1, this.generator) / RESOLUTION;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.generator);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
}
