/**
 * A target card's heading. The label is the resolution's own sentence, written at registration: once
 * the standing committee has revised the target, that sentence no longer states it, so the card says
 * the target was revised (by which decision, from when) and keeps the original sentence, muted.
 */
import type { HistoryEntry, Target } from '../api/types';
import { formatDate } from '../i18n/format';

export function TargetHeading({ target, revisions }: { target: Target; revisions: readonly HistoryEntry[] }) {
  const mine = revisions.filter((entry) => entry.type === 'TargetRevised' && entry.metric === target.metric);
  const last = mine[mine.length - 1];
  if (!last) return <h3>{target.label}</h3>;
  const when = last.effectiveDate ?? last.recordedAt;
  return (
    <>
      <h3>
        Mục tiêu đã điều chỉnh{mine.length > 1 ? ` (${mine.length} lần)` : ''}
      </h3>
      <p className="muted target-original">Mục tiêu ban đầu: {target.label}</p>
      <p className="hint">
        Theo {last.decisionRef ?? 'quyết định điều chỉnh'}, từ ngày {formatDate(when)}.
      </p>
    </>
  );
}
