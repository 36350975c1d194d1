/** The global audit log with filters, the current digest of the whole ledger, and checking a digest taken earlier. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, data } from '../api/client';
import type { DigestVerification } from '../api/types';
import { Page } from '../components/Page';
import { FieldError, FormError, Loading, PageRefusal, refusalsOf } from '../components/Refusal';
import { useIndicators, useUnits } from '../data';
import { formatDateTime, formatNumber, vietnamInstant } from '../i18n/format';
import type { ShownRefusal } from '../i18n/refusals';
import { useFocusOnRefusal } from '../forms/focus';
import { EVENT_TYPE_LABELS, eventTypeLabel, INTEGRITY_REASON_LABELS, roleLabel } from '../i18n/statuses';
import { minPosition } from '../positions';
import { TimelineFilters } from '../components/TimelineFilters';

const PAGE_SIZE = 50;

export function AuditPage() {
  const units = useUnits();
  const indicators = useIndicators();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const unit = params.get('unit') ?? '';
  // The indicator's number and name where the log would otherwise show its id; the id until they load.
  const indicatorTitle = (id: string) => {
    const item = indicators.data?.items.find((candidate) => candidate.id === id);
    if (!item) return id;
    return item.kind === 'indicator' ? `Chỉ tiêu ${item.number}: ${item.name}` : item.name;
  };
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const events = useQuery({
    queryKey: ['audit-events', type, from, to, unit, page],
    queryFn: () =>
      data(
        api.GET('/audit/events', {
          params: {
            query: {
              ...(type ? { type } : {}),
              ...(from ? { from: vietnamInstant(from) } : {}),
              ...(to ? { to: vietnamInstant(to, '23:59:59.999') } : {}),
              ...(unit ? { unit } : {}),
              limit: PAGE_SIZE,
              offset: page * PAGE_SIZE,
              ...minPosition(),
            },
          },
        }),
      ),
  });
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };
  return (
    <Page title="Nhật ký kiểm tra" subtitle="Mọi sự kiện của mọi chỉ tiêu, đơn vị và nghị quyết, mới nhất trước.">
      <div className="two-columns">
        <CurrentDigest />
        <VerifyDigest />
      </div>
      <TimelineFilters idPrefix="audit" ariaLabel="Lọc nhật ký" typeLabel="Loại sự kiện" types={Object.keys(EVENT_TYPE_LABELS)} values={{ type, from, to, unit }} onChange={setFilter} />
      {events.isPending ? <Loading what="nhật ký" /> : null}
      {events.error ? <PageRefusal error={events.error} /> : null}
      {events.data ? (
        <>
          <p className="count-line" role="status">
            {formatNumber(events.data.total)} sự kiện{events.data.total > PAGE_SIZE ? `, trang ${page + 1}/${Math.ceil(events.data.total / PAGE_SIZE)}` : ''}
          </p>
          <table className="audit-table">
            <caption className="visually-hidden">Nhật ký sự kiện, mới nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Vị trí</th>
                <th scope="col">Thời điểm ghi</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Sự kiện</th>
                <th scope="col">Lý do · văn bản</th>
              </tr>
            </thead>
            <tbody>
              {events.data.items.map((event) => (
                <tr key={event.position}>
                  <td className="figure">{event.position}</td>
                  <td>{formatDateTime(event.recordedAt)}</td>
                  <td>
                    {units.unitName(event.actor.unitId)}
                    <div className="muted">{event.actor.roles.map(roleLabel).join(', ')}</div>
                    <div className="muted mono">{event.actor.id}</div>
                  </td>
                  <th scope="row" className="entry-summary">
                    <span className="entry-type">{eventTypeLabel(event.type)}</span>{' '}
                    {event.subjectKind === 'indicator' ? <Link to={`/indicators/${encodeURIComponent(event.subjectId)}/history`}>{indicatorTitle(event.subjectId)}</Link> : <span className="mono">{event.subjectId}</span>}
                    <div>{event.summary}</div>
                  </th>
                  <td>
                    {event.reason ?? '—'}
                    {event.decisionRef ? <div className="decision-ref">Văn bản: {event.decisionRef}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {events.data.total > PAGE_SIZE ? (
            <nav className="pager" aria-label="Trang">
              <button type="button" disabled={page === 0} onClick={() => setFilter('page', String(page - 1))}>
                Trang trước
              </button>
              <button type="button" disabled={(page + 1) * PAGE_SIZE >= events.data.total} onClick={() => setFilter('page', String(page + 1))}>
                Trang sau
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function CurrentDigest() {
  const digest = useQuery({ queryKey: ['digest'], queryFn: () => data(api.GET('/audit/digest', { params: { query: { ...minPosition() } } })) });
  return (
    <section className="panel" aria-labelledby="digest-heading">
      <h2 id="digest-heading">Mã tổng hợp hiện tại</h2>
      {digest.isPending ? <Loading what="mã tổng hợp" /> : null}
      {digest.error ? <PageRefusal error={digest.error} /> : null}
      {digest.data ? (
        <>
          <p className="hint">Ghi mã này và vị trí vào biên bản kiểm tra; về sau có thể đối chiếu để chứng minh sổ cái không bị sửa.</p>
          <dl className="facts-list">
            <dt>Mã tổng hợp</dt>
            <dd className="mono digest" data-digest={digest.data.digest}>
              {digest.data.digest}
            </dd>
            <dt>Vị trí</dt>
            <dd className="mono">{digest.data.position}</dd>
            <dt>Phạm vi</dt>
            <dd>
              {formatNumber(digest.data.streams)} chuỗi băm, {formatNumber(digest.data.events)} sự kiện; tính lúc {formatDateTime(digest.data.computedAt)}
            </dd>
            <dt>Chuỗi băm</dt>
            <dd>{digest.data.chainsValid ? 'Mọi chuỗi băm nguyên vẹn' : `${digest.data.brokenStreams.length} chuỗi băm bị phá vỡ`}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}

function VerifyDigest() {
  const [digest, setDigest] = useState('');
  const [position, setPosition] = useState('');
  const [refusals, setRefusals] = useState<ShownRefusal[]>([]);
  const formRef = useFocusOnRefusal(refusals);
  const [result, setResult] = useState<DigestVerification | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    const local: ShownRefusal[] = [];
    if (!/^[0-9a-f]{64}$/i.test(digest.trim())) local.push({ field: 'digest', message: 'Mã tổng hợp gồm 64 ký tự 0–9, a–f.' });
    if (!/^\d+$/.test(position.trim())) local.push({ field: 'position', message: 'Vị trí là một số nguyên không âm.' });
    setRefusals(local);
    if (local.length > 0) return;
    setBusy(true);
    try {
      setResult(await data(api.GET('/audit/digest/verify', { params: { query: { digest: digest.trim().toLowerCase(), position: Number(position.trim()) } } })));
    } catch (error) {
      setRefusals(refusalsOf(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Đối chiếu mã tổng hợp đã ghi</h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="verify-digest">Mã tổng hợp</label>
          <input id="verify-digest" className="mono" value={digest} onChange={(event) => setDigest(event.target.value)} aria-invalid={refusals.some((r) => r.field === 'digest')} aria-describedby="verify-digest-error" spellCheck={false} />
          <FieldError id="verify-digest-error" refusals={refusals} field="digest" />
        </div>
        <div className="field">
          <label htmlFor="verify-position">Vị trí</label>
          <input id="verify-position" inputMode="numeric" value={position} onChange={(event) => setPosition(event.target.value)} aria-invalid={refusals.some((r) => r.field === 'position')} aria-describedby="verify-position-error" />
          <FieldError id="verify-position-error" refusals={refusals} field="position" />
        </div>
        <FormError refusals={refusals} fields={['digest', 'position']} />
        <button type="submit" className="button-primary" disabled={busy}>
          Đối chiếu
        </button>
      </form>
      {result ? (
        result.valid ? (
          <p className="notice notice-success" role="status">
            ✔ Khớp: sổ cái đến vị trí {result.position} vẫn đúng như khi mã được ghi.
          </p>
        ) : (
          <div className="notice notice-error" role="alert">
            <p>
              ✖ Không khớp:{' '}
              {result.reason === 'CHAIN_BROKEN' ? 'có chuỗi băm bị phá vỡ.' : 'mã tính lại khác mã đã ghi — sổ cái đến vị trí này đã bị thay đổi, hoặc mã/vị trí ghi chép sai.'}
            </p>
            {result.brokenStreams.map((stream) => (
              <p key={stream.streamId}>
                {stream.streamId}: phiên bản {stream.firstBrokenRevision} — {INTEGRITY_REASON_LABELS[stream.reason] ?? stream.reason}
              </p>
            ))}
          </div>
        )
      ) : null}
    </section>
  );
}
