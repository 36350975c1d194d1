/**
 * The first index in [0, length) at which `reached` holds, for a predicate that, once it holds,
 * holds for every later index (a sorted list searched for a bound); `length` when it never holds.
 */
export function firstIndexWhere(length: number, reached: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
