/** One target: what it asks in words, the latest figure (as the API gives it) and a progress bar. */
import type { Target } from '../api/types';
import { formatDate, formatPeriod, formatQuantity } from '../i18n/format';
import { progressShare } from '../i18n/progress';
import { MILESTONE_STATE_LABELS, targetInWords } from '../i18n/statuses';

/** Figures are shown as the API holds them: up to six decimals, none invented. */
const EXACT = 6;

export function latestInWords(target: Target): string {
  if (target.kind === 'milestone') {
    if (!target.latestState) return 'Chưa báo cáo';
    const state = MILESTONE_STATE_LABELS[target.latestState] ?? target.latestState;
    return target.latestCompletedOn ? `${state} (${formatDate(target.latestCompletedOn)})` : state;
  }
  if (target.latestValue === null || target.latestValue === undefined) return 'Chưa có số liệu';
  return formatQuantityExact(target.latestValue, target.unit);
}

export function formatQuantityExact(value: number | null | undefined, unit: string | null | undefined): string {
  return formatQuantity(value, unit, EXACT);
}

export function TargetLine({ target, compact = false }: { target: Target; compact?: boolean }) {
  const share = progressShare(target);
  const latest = latestInWords(target);
  return (
    <div className={`target-line status-${target.status}`}>
      {compact ? null : <div className="target-label">{target.label}</div>}
      <div className="target-figures">
        <span className="target-words">{targetInWords(target)}</span>
        <span className="target-latest">
          <span className="visually-hidden">Mới nhất: </span>
          {latest}
          {target.latestPeriod ? <span className="muted"> · {formatPeriod(target.latestPeriod)}</span> : null}
        </span>
      </div>
      {share === null ? null : (
        <div className="progress" role="img" aria-label={`Tiến độ ${Math.round(share * 100)}%`}>
          <div className="progress-bar" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
