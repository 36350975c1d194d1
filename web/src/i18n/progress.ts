/**
 * How far a figure has come towards its target, as a share for a progress bar (0–1), or null when
 * there is nothing to show (no figure yet, a ranking, a milestone). The status itself is the API's:
 * this only draws it.
 */
import type { TargetWords } from './statuses';

export interface TargetProgress extends TargetWords {
  latestValue?: number | null;
  latestState?: string | null;
}

export function progressShare(target: TargetProgress): number | null {
  if (target.kind === 'milestone') {
    if (target.latestState === 'completed') return 1;
    if (target.latestState === 'in_progress') return 0.5;
    return target.latestState ? 0 : null;
  }
  const latest = target.latestValue;
  if (latest === null || latest === undefined) return null;
  switch (target.comparator) {
    case '>=':
    case '>':
    case '=':
      return target.value ? clamp(latest / target.value) : null;
    case 'between':
      return target.min ? clamp(latest / target.min) : null;
    case '<=':
    case '<':
      // A ceiling: within it is all the way there.
      return target.value === null || target.value === undefined ? null : latest <= target.value ? 1 : clamp(target.value / latest);
    default:
      return null;
  }
}

function clamp(share: number): number {
  return Math.max(0, Math.min(1, share));
}
