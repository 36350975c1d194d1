/**
 * The quarterly review (sơ kết): every indicator and task as of a period's end, its approval state
 * and what changed since the approval, the approval form (standing committee), checking an approved
 * review against the ledger, and the exports.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, data } from '../api/client';
import type { Review, ReviewItem, ReviewVerification } from '../api/types';
import { mayApproveReview } from '../auth/permissions';
import { useSession } from '../auth/session';
import { DateInput } from '../components/DateInput';
import { Page } from '../components/Page';
import { FormError, Loading, PageRefusal, refusalsOf } from '../components/Refusal';
import { StatusBadge } from '../components/StatusBadge';
import { latestInWords } from '../components/TargetLine';
import { useUnits } from '../data';
import { useCommand } from '../forms/command';
import { Field, Success } from '../forms/fields';
import { formatDate, formatDateTime, formatPeriod } from '../i18n/format';
import { groupLabel } from '../i18n/labels';
import type { ShownRefusal } from '../i18n/refusals';
import { eventTypeLabel, STATUS_LABELS, STATUSES, targetInWords } from '../i18n/statuses';
import { minPosition } from '../positions';
import { useResolution } from '../resolution';

const CHANGE_LABELS: Record<string, string> = { improved: 'Tiến bộ', worsened: 'Đi xuống', unchanged: 'Không đổi', new: 'Mới có số liệu' };

export function ReviewsIndex() {
  const { resolution } = useResolution();
  const reviews = useQuery({ queryKey: ['reviews'], queryFn: () => data(api.GET('/reviews', { params: { query: { ...minPosition() } } })) });
  const items = (reviews.data?.items ?? []).filter((review) => !resolution || review.resolutionId === resolution.id);
  return (
    <Page title="Sơ kết" subtitle="Báo cáo sơ kết theo quý, 6 tháng và cả năm, và tình trạng phê duyệt.">
      {reviews.isPending ? <Loading what="các kỳ sơ kết" /> : null}
      {reviews.error ? <PageRefusal error={reviews.error} /> : null}
      <table>
        <caption className="visually-hidden">Các kỳ sơ kết</caption>
        <thead>
          <tr>
            <th scope="col">Kỳ</th>
            <th scope="col">Thời gian</th>
            <th scope="col">Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          {items.map((review) => (
            <tr key={review.period}>
              <th scope="row">
                <Link to={`/reviews/${review.period}`}>{formatPeriod(review.period)}</Link>
              </th>
              <td>
                {formatDate(review.periodStart)} – {formatDate(review.periodEnd)}
              </td>
              <td>
                {review.state === 'approved' && review.approval
                  ? `Đã phê duyệt (văn bản ${review.approval.decisionRef}, ${formatDate(review.approval.approvedAt)})`
                  : review.periodOver
                    ? 'Chờ phê duyệt'
                    : 'Kỳ chưa kết thúc'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

export function ReviewPage() {
  const { period = '' } = useParams();
  const { session } = useSession();
  const review = useQuery({
    queryKey: ['review', period],
    queryFn: () => data(api.GET('/reviews/{period}', { params: { path: { period }, query: { ...minPosition() } } })),
  });
  const title = `Sơ kết ${formatPeriod(period)}`;
  if (review.isPending) return <Loading what="báo cáo sơ kết" />;
  if (review.error)
    return (
      <Page title={title}>
        <PageRefusal error={review.error} />
      </Page>
    );
  const r = review.data;
  return (
    <Page
      title={title}
      subtitle={`Tình hình thực hiện đến hết ngày ${formatDate(r.content.periodEnd)}${r.content.previousPeriod ? `, so với ${formatPeriod(r.content.previousPeriod)}` : ''}.`}
      actions={<Exports period={period} />}
    >
      <ApprovalState review={r} period={period} />
      {r.state === 'draft' && r.periodOver && mayApproveReview(session) ? <ApprovalForm period={period} /> : null}
      <Totals review={r} />
      <section aria-labelledby="review-items-heading">
        <h2 id="review-items-heading">Chỉ tiêu chủ yếu</h2>
        <ReviewTable items={r.content.items.filter((item) => item.kind === 'indicator')} caption="Chỉ tiêu chủ yếu" />
        <details className="review-tasks">
          <summary>Nhiệm vụ ({r.content.items.filter((item) => item.kind === 'task').length})</summary>
          <ReviewTable items={r.content.items.filter((item) => item.kind === 'task')} caption="Nhiệm vụ" />
        </details>
      </section>
      <MissingReports review={r} />
    </Page>
  );
}

function ApprovalState({ review, period }: { review: Review; period: string }) {
  const [verification, setVerification] = useState<ReviewVerification | null>(null);
  const [refusals, setRefusals] = useState<ShownRefusal[]>([]);
  const units = useUnits();
  if (review.state !== 'approved' || !review.approval) {
    return (
      <p className="notice" role="status">
        <strong>Bản nháp</strong> — {review.periodOver ? 'kỳ đã kết thúc, chờ Ban Thường vụ phê duyệt.' : 'kỳ chưa kết thúc; số liệu còn thay đổi.'}
      </p>
    );
  }
  const approval = review.approval;
  const changed = review.changedSinceApproval;
  async function verify() {
    setRefusals([]);
    try {
      setVerification(await data(api.GET('/reviews/{period}/approval/verify', { params: { path: { period } } })));
    } catch (error) {
      setRefusals(refusalsOf(error));
    }
  }
  return (
    <section className="panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">Đã phê duyệt</h2>
      <dl className="facts-list">
        <dt>Văn bản</dt>
        <dd>{approval.decisionRef}</dd>
        {approval.meetingDate ? (
          <>
            <dt>Ngày họp</dt>
            <dd>{formatDate(approval.meetingDate)}</dd>
          </>
        ) : null}
        <dt>Phê duyệt lúc</dt>
        <dd>
          {formatDateTime(approval.approvedAt)} · {units.unitName(approval.approvedBy.unitId)}
        </dd>
        {approval.note ? (
          <>
            <dt>Ghi chú</dt>
            <dd>{approval.note}</dd>
          </>
        ) : null}
      </dl>
      {changed && (changed.contentChanged || changed.events.length > 0) ? (
        <div className="notice notice-warning" role="note">
          <p>
            <strong>Đã có thay đổi sau khi phê duyệt</strong>: {changed.targets.length} mục tiêu có số liệu khác, {changed.events.length} sự kiện ghi thêm về kỳ này.
          </p>
          <ul>
            {changed.events.slice(0, 10).map((event) => (
              <li key={event.position}>
                {formatDateTime(event.recordedAt)} · {eventTypeLabel(event.type)} · {event.indicatorId ? <Link to={`/indicators/${event.indicatorId}/history`}>{event.indicatorId}</Link> : event.streamId}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="hint hint-block">Không có thay đổi nào sau khi phê duyệt.</p>
      )}
      <button type="button" className="button" onClick={() => void verify()}>
        Đối chiếu với sổ cái
      </button>
      <FormError refusals={refusals} fields={[]} />
      {verification ? (
        verification.valid ? (
          <p className="notice notice-success" role="status">
            ✔ Báo cáo đã phê duyệt khớp với sổ cái hôm nay.
          </p>
        ) : (
          <div className="notice notice-error" role="alert">
            <p>✖ Không khớp với sổ cái:</p>
            <ul>
              {verification.failures.map((failure) => (
                <li key={failure.reason}>{VERIFY_FAILURES[failure.reason] ?? failure.reason}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </section>
  );
}

const VERIFY_FAILURES: Record<string, string> = {
  CONTENT_HASH_MISMATCH: 'Nội dung tính lại khác nội dung đã phê duyệt.',
  CHAIN_BROKEN: 'Có chuỗi băm bị phá vỡ trong sổ cái.',
  DIGEST_MISMATCH: 'Mã tổng hợp của sổ cái tại thời điểm phê duyệt không còn khớp.',
  APPROVAL_EVENT_ALTERED: 'Bản ghi phê duyệt đã bị sửa.',
};

function ApprovalForm({ period }: { period: string }) {
  const [decisionRef, setDecisionRef] = useState('');
  const [meetingDate, setMeetingDate] = useState('');
  const [note, setNote] = useState('');
  const command = useCommand((key) =>
    data(
      api.POST('/reviews/{period}/approval', {
        params: { path: { period }, header: { 'Idempotency-Key': key } },
        body: { decisionRef: decisionRef.trim(), ...(meetingDate ? { meetingDate } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    ),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    void command.submit(decisionRef.trim() ? [] : [{ field: 'decisionRef', message: 'Cần ghi số hiệu văn bản quyết định.' }]);
  }
  const form = 'approve';
  return (
    <form ref={command.formRef} className="action-form" onSubmit={submit} noValidate aria-labelledby="approve-heading">
      <h2 id="approve-heading">Phê duyệt báo cáo sơ kết</h2>
      <Field form={form} name="decisionRef" label="Số hiệu văn bản" hint="Ví dụ: 215-TB/TU" refusals={command.refusals}>
        {(props) => <input {...props} value={decisionRef} onChange={(event) => setDecisionRef(event.target.value)} />}
      </Field>
      <Field form={form} name="meetingDate" label="Ngày họp (không bắt buộc)" refusals={command.refusals}>
        {(props) => <DateInput {...props} value={meetingDate} onChange={setMeetingDate} />}
      </Field>
      <Field form={form} name="note" label="Ghi chú (không bắt buộc)" refusals={command.refusals}>
        {(props) => <textarea {...props} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <FormError refusals={command.refusals} fields={['decisionRef', 'meetingDate', 'note']} />
      {command.done ? <Success>Đã phê duyệt báo cáo sơ kết.</Success> : null}
      <button type="submit" className="button-primary" disabled={command.busy}>
        Phê duyệt
      </button>
    </form>
  );
}

export function Totals({ review }: { review: Review }) {
  const totals = review.content.totals;
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading">Tổng hợp</h2>
      <ul className="status-counts">
        {STATUSES.map((status) => (
          <li key={status} className={`status-count status-${status}`}>
            <span className="status-count-number">{totals.byStatus[status]}</span>
            <span className="status-count-label">{STATUS_LABELS[status]}</span>
          </li>
        ))}
      </ul>
      <p className="hint">
        {review.content.previousPeriod
          ? `So với kỳ trước (${formatPeriod(review.content.previousPeriod)}): ${Object.entries(totals.byChange)
              .map(([change, count]) => `${CHANGE_LABELS[change] ?? change} ${count}`)
              .join(' · ')}`
          : 'Không có kỳ trước để so sánh.'}{' '}
        (tính theo mục tiêu; {totals.targets} mục tiêu của {totals.indicators} chỉ tiêu và {totals.tasks} nhiệm vụ).
      </p>
    </section>
  );
}

function ReviewTable({ items, caption }: { items: ReviewItem[]; caption: string }) {
  return (
    <table className="indicator-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-number">
            Số
          </th>
          <th scope="col">Chỉ tiêu / nhiệm vụ</th>
          <th scope="col">Mục tiêu · số liệu đến hết kỳ</th>
          <th scope="col" className="col-status">
            Tình trạng
          </th>
          <th scope="col">So với kỳ trước</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.indicatorId}>
            <td className="col-number">{item.number ?? '–'}</td>
            <th scope="row" className="col-name">
              <Link to={`/indicators/${encodeURIComponent(item.indicatorId)}`}>{item.name}</Link>
              <div className="muted">
                {groupLabel(item.group)} · {item.responsibleUnitName ?? item.responsibleUnitId}
              </div>
            </th>
            <td>
              {item.targets.map((target) => (
                <div key={target.metric} className="target-figures">
                  <span>{targetInWords(target)}</span>
                  <span className="target-latest">
                    {latestInWords(target as never)}
                    {target.latestPeriod ? <span className="muted"> · {formatPeriod(target.latestPeriod)}</span> : null}
                  </span>
                </div>
              ))}
            </td>
            <td className="col-status">
              <StatusBadge status={item.worstStatus} />
            </td>
            <td>{[...new Set(item.targets.map((target) => (target.change ? (CHANGE_LABELS[target.change] ?? target.change) : '—')))].join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MissingReports({ review }: { review: Review }) {
  const missing = review.content.missingReports;
  if (missing.length === 0) return null;
  return (
    <section aria-labelledby="missing-heading">
      <h2 id="missing-heading">Chưa báo cáo trong kỳ</h2>
      <ul>
        {missing.map((unit) => (
          <li key={unit.unitId}>
            <strong>{unit.unitName ?? unit.unitId}</strong>: {unit.items.map((item) => (item.kind === 'indicator' ? `chỉ tiêu ${item.number}` : item.name)).join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The workbook and the printable page: fetched with the user's key, handed to the browser as files. */
function Exports({ period }: { period: string }) {
  const [refusals, setRefusals] = useState<ShownRefusal[]>([]);
  async function download(kind: 'xlsx' | 'print') {
    setRefusals([]);
    try {
      const { data: blob, response } =
        kind === 'xlsx'
          ? await api.GET('/reviews/{period}/export.xlsx', { params: { path: { period } }, parseAs: 'blob' })
          : await api.GET('/reviews/{period}/print', { params: { path: { period } }, parseAs: 'blob' });
      if (!response.ok || !blob) throw new Error(String(response.status));
      const url = URL.createObjectURL(blob as Blob);
      if (kind === 'print') window.open(url, '_blank', 'noopener');
      else {
        const link = document.createElement('a');
        link.href = url;
        link.download = `so-ket-${period}.xlsx`;
        link.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setRefusals(refusalsOf(error));
    }
  }
  return (
    <div className="form-buttons">
      <button type="button" className="button" onClick={() => void download('xlsx')}>
        Tải bảng tính (XLSX)
      </button>
      <button type="button" className="button" onClick={() => void download('print')}>
        Bản in
      </button>
      <FormError refusals={refusals} fields={[]} />
    </div>
  );
}
