/**
 * The global position of this tab's latest write. Reads pass it as `minPosition`, so a page read
 * right after a form was sent shows what was sent (the API waits for its read models to reach it).
 */
let latest: number | undefined;

export function recordWrite(position: number): void {
  latest = Math.max(latest ?? 0, position);
}

export function minPosition(): { minPosition?: number } {
  return latest === undefined ? {} : { minPosition: latest };
}
