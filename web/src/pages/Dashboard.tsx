/**
 * Tổng quan: the 20 key indicators by group and the tasks, each with its status, latest figure
 * against its target and progress; counts by status; filters by group, unit and status; what needs
 * attention first. Every figure is the API's own.
 */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { IndicatorList } from '../api/types';
import { Page } from '../components/Page';
import { Loading, PageRefusal } from '../components/Refusal';
import { StatusBadge } from '../components/StatusBadge';
import { TargetLine } from '../components/TargetLine';
import { useIndicators, useUnits } from '../data';
import { groupLabel } from '../i18n/labels';
import { STATUS_LABELS, STATUSES, statusRank, type Status } from '../i18n/statuses';
import { useResolution } from '../resolution';

type Item = IndicatorList['items'][number];

export function Dashboard() {
  const indicators = useIndicators();
  const units = useUnits();
  const { resolution } = useResolution();
  const [params, setParams] = useSearchParams();
  const group = params.get('group') ?? '';
  const unit = params.get('unit') ?? '';
  const status = params.get('status') ?? '';

  const ofResolution = useMemo(() => (indicators.data?.items ?? []).filter((item) => !resolution || item.resolutionId === resolution.id), [indicators.data, resolution]);
  const shown = useMemo(
    () =>
      ofResolution
        .filter((item) => !group || item.group === group)
        .filter((item) => !unit || item.responsibleUnitId === unit)
        .filter((item) => !status || item.worstStatus === status || item.targets.some((target) => target.status === status)),
    [ofResolution, group, unit, status],
  );
  const keyIndicators = shown.filter((item) => item.kind === 'indicator').sort(byAttention);
  const tasks = shown.filter((item) => item.kind === 'task').sort(byAttention);
  const groups = unique(ofResolution.map((item) => item.group));
  const unitIds = unique(ofResolution.map((item) => item.responsibleUnitId));

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <Page title="Tổng quan" subtitle={resolution?.title ?? undefined}>
      {indicators.isPending ? <Loading what="chỉ tiêu" /> : null}
      {indicators.error ? <PageRefusal error={indicators.error} /> : null}
      {indicators.data ? (
        <>
          <section aria-labelledby="counts-heading" className="counts-section">
            <h2 id="counts-heading" className="visually-hidden">
              Số lượng theo tình trạng
            </h2>
            <StatusCounts title="Chỉ tiêu chủ yếu" items={shown.filter((item) => item.kind === 'indicator')} />
            <StatusCounts title="Nhiệm vụ" items={shown.filter((item) => item.kind === 'task')} />
          </section>
          <Attention items={shown} />
          <form className="filters" aria-label="Lọc" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor="filter-group">Nhóm</label>
              <select id="filter-group" value={group} onChange={(event) => setFilter('group', event.target.value)}>
                <option value="">Tất cả các nhóm</option>
                {groups.map((g) => (
                  <option key={g} value={g}>
                    {groupLabel(g)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-unit">Đơn vị phụ trách</label>
              <select id="filter-unit" value={unit} onChange={(event) => setFilter('unit', event.target.value)}>
                <option value="">Tất cả các đơn vị</option>
                {unitIds
                  .map((id) => ({ id, name: units.unitName(id) }))
                  .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
                  .map(({ id, name }) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-status">Tình trạng</label>
              <select id="filter-status" value={status} onChange={(event) => setFilter('status', event.target.value)}>
                <option value="">Mọi tình trạng</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            {group || unit || status ? (
              <button type="button" className="button-quiet" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                Bỏ lọc
              </button>
            ) : null}
          </form>

          <section aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">
              Chỉ tiêu chủ yếu <span className="count">({keyIndicators.length})</span>
            </h2>
            {keyIndicators.length === 0 ? <p className="empty">Không có chỉ tiêu nào khớp bộ lọc.</p> : null}
            {groupsInOrder(keyIndicators).map((g) => (
              <IndicatorTable key={g} caption={groupLabel(g)} items={keyIndicators.filter((item) => item.group === g)} unitName={units.unitName} />
            ))}
          </section>

          <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">
              Nhiệm vụ <span className="count">({tasks.length})</span>
            </h2>
            <p className="hint">Những nhiệm vụ có nguy cơ không đạt hoặc chưa có số liệu được xếp lên trước.</p>
            {tasks.length === 0 ? <p className="empty">Không có nhiệm vụ nào khớp bộ lọc.</p> : <IndicatorTable caption="Nhiệm vụ, giải pháp" items={tasks} unitName={units.unitName} showGroup />}
          </section>
        </>
      ) : null}
    </Page>
  );
}

function byAttention(a: Item, b: Item): number {
  return statusRank(a.worstStatus) - statusRank(b.worstStatus) || (a.number ?? 0) - (b.number ?? 0) || a.name.localeCompare(b.name, 'vi');
}

/** Groups in the resolution's order (by their first indicator's number). */
function groupsInOrder(items: Item[]): string[] {
  const first = new Map<string, number>();
  for (const item of items) first.set(item.group, Math.min(first.get(item.group) ?? Infinity, item.number ?? Infinity));
  return [...first.keys()].sort((a, b) => (first.get(a) ?? 0) - (first.get(b) ?? 0));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** What is at risk or already missed, first of all (among what the filters show): the key indicators, then the tasks. */
function Attention({ items }: { items: Item[] }) {
  const flagged = items.filter((item) => item.worstStatus === 'not_achieved' || item.worstStatus === 'at_risk').sort((a, b) => (a.kind === b.kind ? byAttention(a, b) : a.kind === 'indicator' ? -1 : 1));
  if (flagged.length === 0) return null;
  return (
    <section className="attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Cần chú ý ({flagged.length})</h2>
      <ul>
        {flagged.slice(0, 8).map((item) => (
          <li key={item.id}>
            <Link to={`/indicators/${encodeURIComponent(item.id)}`}>{item.kind === 'indicator' ? `Chỉ tiêu ${item.number}: ${item.name}` : item.name}</Link> <StatusBadge status={item.worstStatus} />
          </li>
        ))}
      </ul>
      {flagged.length > 8 ? <p className="hint">và {flagged.length - 8} mục khác: lọc theo tình trạng để xem hết.</p> : null}
    </section>
  );
}

function StatusCounts({ title, items }: { title: string; items: Item[] }) {
  const counts = new Map<Status, number>(STATUSES.map((s) => [s, 0]));
  for (const item of items) counts.set(item.worstStatus as Status, (counts.get(item.worstStatus as Status) ?? 0) + 1);
  return (
    <div className="count-card">
      <h3>
        {title} <span className="count">({items.length})</span>
      </h3>
      <ul className="status-counts">
        {STATUSES.map((s) => (
          <li key={s} className={`status-count status-${s}`}>
            <span className="status-count-number">{counts.get(s)}</span>
            <span className="status-count-label">{STATUS_LABELS[s]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function IndicatorTable({ caption, items, unitName, showGroup = false }: { caption: string; items: Item[]; unitName: (id: string) => string; showGroup?: boolean }) {
  return (
    <table className="indicator-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-number">
            Số
          </th>
          <th scope="col">Chỉ tiêu / nhiệm vụ</th>
          <th scope="col" className="col-targets">
            Mục tiêu · số liệu mới nhất · tiến độ
          </th>
          <th scope="col" className="col-status">
            Tình trạng
          </th>
          <th scope="col" className="col-unit">
            Đơn vị phụ trách
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-indicator={item.id}>
            <td className="col-number">{item.number ?? '–'}</td>
            <th scope="row" className="col-name">
              <Link to={`/indicators/${encodeURIComponent(item.id)}`}>{item.name}</Link>
              {showGroup ? <span className="muted"> · {groupLabel(item.group)}</span> : null}
              {item.openQueryCount > 0 ? <span className="pill pill-query">{item.openQueryCount} yêu cầu giải trình</span> : null}
              {item.closed ? <span className="pill">Đã đánh giá</span> : null}
            </th>
            <td className="col-targets">
              {item.targets.map((target) => (
                <TargetLine key={target.metric} target={target} compact={item.targets.length === 1} />
              ))}
            </td>
            <td className="col-status">
              <StatusBadge status={item.worstStatus} />
            </td>
            <td className="col-unit">{unitName(item.responsibleUnitId)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

