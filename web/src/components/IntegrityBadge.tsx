/** The hash chain of one indicator, recomputed by the API: intact, or broken at a named revision. */
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client';
import { INTEGRITY_REASON_LABELS } from '../i18n/statuses';
import { refusalsOf } from './Refusal';

export function IntegrityBadge({ indicatorId }: { indicatorId: string }) {
  const integrity = useQuery({
    queryKey: ['integrity', indicatorId],
    queryFn: () => data(api.GET('/indicators/{id}/integrity', { params: { path: { id: indicatorId } } })),
    staleTime: 0,
  });
  if (integrity.isPending)
    return (
      <p className="integrity" role="status">
        Đang kiểm tra chuỗi băm…
      </p>
    );
  if (integrity.error)
    return (
      <p className="integrity integrity-unknown" role="status">
        Không kiểm tra được chuỗi băm: {refusalsOf(integrity.error)[0].message}
      </p>
    );
  const result = integrity.data;
  if (result.valid) {
    return (
      <p className="integrity integrity-valid" role="status" data-integrity="valid">
        <span aria-hidden="true">✔</span> Chuỗi băm nguyên vẹn: {result.events} bản ghi, phiên bản cuối {result.headRevision ?? '—'}.
      </p>
    );
  }
  const reason = result.reason ? (INTEGRITY_REASON_LABELS[result.reason] ?? result.reason) : 'không rõ lý do';
  return (
    <p className="integrity integrity-broken" role="alert" data-integrity="broken">
      <span aria-hidden="true">✖</span> Chuỗi băm bị phá vỡ tại phiên bản {result.firstBrokenRevision}: {reason}. Dữ liệu từ phiên bản này trở đi không còn đáng tin; hãy báo Ủy ban
      Kiểm tra.
    </p>
  );
}
