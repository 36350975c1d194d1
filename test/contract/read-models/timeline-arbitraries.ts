/** Timeline filters and pages drawn from the entries themselves, so that most combinations match something. */
import fc from 'fast-check';
import type { Page, TimelineBounds } from '../../../src/audit/timeline/timeline-filter';
import type { TimelineEntry } from './reference';

const shifted = (instant: string, ms: number): string => new Date(Date.parse(instant) + ms).toISOString();

export function boundsArbitrary(entries: readonly TimelineEntry[]): fc.Arbitrary<TimelineBounds> {
  // Recorded instants as they are, and a millisecond either side: both ends are inclusive.
  const instants = [...new Set(entries.map((entry) => entry.recordedAt))].flatMap((instant) => [instant, shifted(instant, -1), shifted(instant, 1)]);
  const lastPosition = Math.max(...entries.map((entry) => entry.position));
  const types = [...new Set(entries.map((entry) => entry.type))];
  const actors = [...new Set(entries.map((entry) => entry.actor.id)), 'nobody'];
  const units = [...new Set(entries.flatMap((entry) => (entry.actor.unitId === null ? [] : [entry.actor.unitId]))), 'no-such-unit'];
  const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 2 });
  return fc.record({
    from: sometimes(fc.constantFrom(...instants)),
    to: sometimes(fc.constantFrom(...instants)),
    afterPosition: sometimes(fc.integer({ min: 0, max: lastPosition + 1 })),
    beforePosition: sometimes(fc.integer({ min: 0, max: lastPosition + 1 })),
    types: fc.oneof(fc.constant<string[]>([]), fc.subarray(types, { minLength: 1, maxLength: 3 })),
    actor: sometimes(fc.constantFrom(...actors)),
    unit: sometimes(fc.constantFrom(...units)),
  });
}

export const pageArbitrary: fc.Arbitrary<Page> = fc.record({
  limit: fc.integer({ min: 1, max: 30 }),
  offset: fc.integer({ min: 0, max: 40 }),
  order: fc.constantFrom('asc' as const, 'desc' as const),
});
