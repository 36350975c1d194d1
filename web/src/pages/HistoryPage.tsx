/**
 * The full timeline of one indicator — who, when, which period, reason, decision reference,
 * before → after — with filters, the integrity badge, and the indicator as it stood at a chosen moment.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, data } from '../api/client';
import { IntegrityBadge } from '../components/IntegrityBadge';
import { Page } from '../components/Page';
import { Loading, PageRefusal } from '../components/Refusal';
import { StatusBadge } from '../components/StatusBadge';
import { TargetLine } from '../components/TargetLine';
import { useIndicator, useUnits } from '../data';
import { formatDateTime, formatPeriod, vietnamInstant } from '../i18n/format';
import { snapshotInWords } from '../i18n/snapshots';
import { EVENT_TYPE_LABELS, eventTypeLabel, roleLabel } from '../i18n/statuses';
import { mayAudit } from '../auth/permissions';
import { useSession } from '../auth/session';
import { minPosition } from '../positions';
import { DateInput } from '../components/DateInput';
import { TimelineFilters } from '../components/TimelineFilters';

const INDICATOR_EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS).filter((type) => !/^(Resolution|Unit|Review)/.test(type));
const PAGE_SIZE = 100;

export function HistoryPage() {
  const { id = '' } = useParams();
  const indicator = useIndicator(id);
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const unit = params.get('unit') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const history = useQuery({
    queryKey: ['history', id, type, from, to, unit, page],
    queryFn: () =>
      data(
        api.GET('/indicators/{id}/history', {
          params: {
            path: { id },
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
  const rolesAt = useRolesAt(history.data?.items ?? []);
  const metricUnit = (metric: string | null) => (metric ? indicator.data?.targets.find((target) => target.metric === metric)?.unit : null);
  const metricLabel = (metric: string) => indicator.data?.targets.find((target) => target.metric === metric)?.label ?? metric;
  const name = indicator.data ? (indicator.data.kind === 'indicator' ? `Chỉ tiêu ${indicator.data.number}: ${indicator.data.name}` : indicator.data.name) : id;

  return (
    <Page
      title={`Lịch sử thay đổi – ${name}`}
      subtitle="Mọi báo cáo, điều chỉnh, phân công và quyết định, theo thứ tự ghi vào sổ cái."
      actions={
        <Link className="button" to={`/indicators/${encodeURIComponent(id)}`}>
          Về trang chỉ tiêu
        </Link>
      }
    >
      <IntegrityBadge indicatorId={id} />
      <AsOfPicker indicatorId={id} />
      <TimelineFilters idPrefix="history" ariaLabel="Lọc lịch sử" typeLabel="Loại thay đổi" types={INDICATOR_EVENT_TYPES} values={{ type, from, to, unit }} onChange={setFilter} />
      {history.isPending ? <Loading what="lịch sử" /> : null}
      {history.error ? <PageRefusal error={history.error} /> : null}
      {history.data ? (
        <>
          <p className="count-line" role="status">
            {history.data.total} mục{history.data.total > PAGE_SIZE ? `, trang ${page + 1}/${Math.ceil(history.data.total / PAGE_SIZE)}` : ''}
          </p>
          <table className="history-table">
            <caption className="visually-hidden">Lịch sử thay đổi, cũ nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Phiên bản</th>
                <th scope="col">Thời điểm ghi</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Thay đổi</th>
                <th scope="col">Kỳ</th>
                <th scope="col">Lý do · văn bản</th>
                <th scope="col">Trước → sau</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((entry) => (
                <tr key={entry.position} data-revision={entry.revision}>
                  <td className="figure">{entry.revision}</td>
                  <td>{formatDateTime(entry.recordedAt)}</td>
                  <td>
                    {units.unitName(entry.actor.unitId)}
                    {rolesAt.get(entry.position) ? <div className="muted">{rolesAt.get(entry.position)!.map(roleLabel).join(', ')}</div> : null}
                    <div className="muted mono">{entry.actor.id}</div>
                  </td>
                  <th scope="row" className="entry-summary">
                    <span className="entry-type">{eventTypeLabel(entry.type)}</span>
                    {entry.metric ? <div>{metricLabel(entry.metric)}</div> : null}
                    {entry.queryMessage ? <blockquote>{entry.queryMessage}</blockquote> : null}
                  </th>
                  <td>{entry.period ? formatPeriod(entry.period) : '—'}</td>
                  <td>
                    {entry.reason ?? '—'}
                    {entry.decisionRef ? <div className="decision-ref">Văn bản: {entry.decisionRef}</div> : null}
                  </td>
                  <td>
                    {entry.before ? (
                      <>
                        <span className="before">{snapshotInWords(entry.before as Record<string, unknown>, units.unitName, metricUnit(entry.metric))}</span> →{' '}
                      </>
                    ) : null}
                    <span className="after">{snapshotInWords(entry.after as Record<string, unknown>, units.unitName, metricUnit(entry.metric))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {history.data.total > PAGE_SIZE ? (
            <nav className="pager" aria-label="Trang">
              <button type="button" disabled={page === 0} onClick={() => setFilter('page', String(page - 1))}>
                Trang trước
              </button>
              <button type="button" disabled={(page + 1) * PAGE_SIZE >= history.data.total} onClick={() => setFilter('page', String(page + 1))}>
                Trang sau
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
      {indicator.error ? <PageRefusal error={indicator.error} /> : null}
    </Page>
  );
}

/**
 * The roles each entry's actor acted in, as the audit log records them with every event (the
 * history's entries carry the actor's id and unit only). Read for those who may read the audit log:
 * one request per distinct actor on the page.
 */
function useRolesAt(entries: Array<{ position: number; actor: { id: string } }>): Map<number, readonly string[]> {
  const { session } = useSession();
  const actors = [...new Set(entries.map((entry) => entry.actor.id))];
  const first = entries.length > 0 ? Math.min(...entries.map((entry) => entry.position)) : 0;
  const results = useQueries({
    queries: actors.map((actor) => ({
      queryKey: ['audit-events', 'actor', actor, first],
      queryFn: () => data(api.GET('/audit/events', { params: { query: { actor, ...(first > 0 ? { afterPosition: first - 1 } : {}), order: 'asc', limit: 1000 } } })),
      enabled: mayAudit(session),
      staleTime: 60_000,
    })),
  });
  const roles = new Map<number, readonly string[]>();
  for (const result of results) for (const event of result.data?.items ?? []) roles.set(event.position, event.actor.roles);
  return roles;
}

/** The indicator as it was known at a moment (Vietnam time): replayed by the API from the ledger. */
function AsOfPicker({ indicatorId }: { indicatorId: string }) {
  const units = useUnits();
  const [day, setDay] = useState('');
  const [time, setTime] = useState('23:59');
  const [asOf, setAsOf] = useState<string | null>(null);
  const stood = useQuery({
    queryKey: ['indicator', indicatorId, 'asOf', asOf],
    queryFn: () => data(api.GET('/indicators/{id}', { params: { path: { id: indicatorId }, query: { asOf: asOf! } } })),
    enabled: asOf !== null,
    retry: false,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
    if (day) setAsOf(vietnamInstant(day, clock ? `${clock[1].padStart(2, '0')}:${clock[2]}` : '23:59'));
  }
  return (
    <section className="as-of" aria-labelledby="as-of-heading">
      <h2 id="as-of-heading">Xem chỉ tiêu tại một thời điểm</h2>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="as-of-day">Ngày</label>
          <DateInput id="as-of-day" value={day} onChange={setDay} />
        </div>
        <div className="field">
          <label htmlFor="as-of-time">Giờ (giờ Việt Nam, hh:mm)</label>
          <input id="as-of-time" inputMode="numeric" placeholder="hh:mm" className="time-input" value={time} onChange={(event) => setTime(event.target.value)} />
        </div>
        <button type="submit" className="button">
          Xem
        </button>
        {asOf ? (
          <button type="button" className="button-quiet" onClick={() => setAsOf(null)}>
            Ẩn
          </button>
        ) : null}
      </form>
      {asOf && stood.isPending ? <Loading what="trạng thái tại thời điểm đó" /> : null}
      {asOf && stood.error ? <PageRefusal error={stood.error} /> : null}
      {asOf && stood.data ? (
        <div className="as-of-result" aria-live="polite">
          <p>
            Tại {formatDateTime(asOf)}: phiên bản {stood.data.revision}, đơn vị phụ trách {units.unitName(stood.data.responsibleUnitId)},{' '}
            <StatusBadge status={stood.data.worstStatus} />
          </p>
          {stood.data.targets.map((target) => (
            <TargetLine key={target.metric} target={target} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
