/**
 * SortedField.outOfReach: whether a walk of the whole order from one end would pass its budget
 * before meeting any of the candidates, in which case the walk is skipped for the sorted candidates
 * (the results are the same either way: the contract tests compare them with mingo's).
 */
import { SortedField } from '../../../src/read-store/sorted-field';
import type { ReadDocument } from '../../../src/read-store/read-store.port';

const documents = new Map<string, ReadDocument>(
  Array.from({ length: 1000 }, (_, i) => [`e${i}`, { _id: `e${i}`, position: i + 1, lastPosition: i + 1 } as ReadDocument]),
);
const field = new SortedField('position', documents.values());
/** Entries 101–200 (positions), ascending, as SortedField.inOrder gives candidates. */
const window = Array.from({ length: 100 }, (_, i) => `e${100 + i}`);

describe('SortedField.outOfReach', () => {
  it('counts the members a walk passes before the nearest candidate, from the end it starts at', () => {
    // Newest first: 800 members (positions 201–1000) come before position 200.
    expect(field.outOfReach(window, true, 800, documents)).toBe(true);
    expect(field.outOfReach(window, true, 801, documents)).toBe(false);
    // Oldest first: 100 members (positions 1–100) come before position 101.
    expect(field.outOfReach(window, false, 100, documents)).toBe(true);
    expect(field.outOfReach(window, false, 101, documents)).toBe(false);
  });

  it('takes no candidates as out of reach: the walk could find nothing', () => {
    expect(field.outOfReach([], true, 1_000_000, documents)).toBe(true);
  });

  it('keeps up with writes', () => {
    const moved = new SortedField('position', documents.values());
    const previous = documents.get('e999')!;
    moved.written(previous, { ...previous, position: 150 } as ReadDocument);
    const changed = new Map(documents).set('e999', { ...previous, position: 150 } as ReadDocument);
    // Position 1000 moved below the window's newest entry: 799 members beyond it now, not 800.
    expect(moved.outOfReach(window, true, 799, changed)).toBe(true);
    expect(moved.outOfReach(window, true, 800, changed)).toBe(false);
    expect(field.outOfReach(window, true, 800, documents)).toBe(true);
  });
});
