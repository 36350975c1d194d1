/**
 * Sorted id lists (a unit's indicators, a resolution's tasks), kept sorted in code-unit order, as
 * `Array.prototype.sort` orders strings. They grow with the ledger (a resolution lists every task),
 * so an id is put in its place by binary search instead of re-sorting the whole list on every event.
 */

/** A new list with `id` in its sorted place; the same elements when it is there already. */
export function withSortedId(ids: readonly string[], id: string): string[] {
  const at = sortedIndex(ids, id);
  if (ids[at] === id) return [...ids];
  const result = ids.slice(0, at);
  result.push(id);
  for (let i = at; i < ids.length; i++) result.push(ids[i]);
  return result;
}

/**
 * A new list without `id`. Found by binary search: a scan would compare `id` with every id of the
 * list, each a string of its own somewhere in a heap of gigabytes. A list that is somehow not
 * sorted is still handled exactly, by the scan.
 */
export function withoutSortedId(ids: readonly string[], id: string): string[] {
  const at = sortedIndex(ids, id);
  if (ids[at] !== id) return ids.filter((existing) => existing !== id);
  const result = ids.slice(0, at);
  for (let i = at + 1; i < ids.length; i++) result.push(ids[i]);
  return result;
}

/** The first index whose id is not below `id`. */
function sortedIndex(ids: readonly string[], id: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle] < id) low = middle + 1;
    else high = middle;
  }
  return low;
}
