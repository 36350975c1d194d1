import { statusLabel } from '../i18n/statuses';

/** A status in words and colour; the words carry the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  return <span className={`badge status-${status ?? 'unknown'}`}>{statusLabel(status)}</span>;
}
