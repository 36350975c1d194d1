/** Units: what each answers for; deactivated units that still hold indicators stand out. */
import { Link } from 'react-router';
import { Page } from '../components/Page';
import { Loading, PageRefusal } from '../components/Refusal';
import { StatusBadge } from '../components/StatusBadge';
import { useUnits } from '../data';
import { formatDate } from '../i18n/format';

export function UnitsPage() {
  const units = useUnits();
  const items = [...(units.data?.items ?? [])].sort(
    (a, b) => Number(b.responsibleFor.length > 0 && !b.active) - Number(a.responsibleFor.length > 0 && !a.active) || (a.name ?? a.id).localeCompare(b.name ?? b.id, 'vi'),
  );
  const stranded = items.filter((unit) => !unit.active && unit.responsibleFor.length > 0);
  return (
    <Page title="Đơn vị" subtitle="Các đơn vị và những chỉ tiêu, nhiệm vụ mỗi đơn vị phụ trách.">
      {units.isPending ? <Loading what="đơn vị" /> : null}
      {units.error ? <PageRefusal error={units.error} /> : null}
      {stranded.length > 0 ? (
        <div className="notice notice-warning" role="note">
          {stranded.length} đơn vị đã ngừng hoạt động nhưng vẫn đang phụ trách chỉ tiêu: cần phân công lại.
        </div>
      ) : null}
      <div className="unit-list">
        {items.map((unit) => (
          <section key={unit.id} id={unit.id} className={`unit-card${unit.active ? '' : ' unit-inactive'}`} aria-labelledby={`unit-${unit.id}`}>
            <h2 id={`unit-${unit.id}`}>
              {unit.name ?? unit.id}
              {unit.active ? null : <span className="pill pill-warning">Đã ngừng hoạt động</span>}
            </h2>
            {!unit.active ? (
              <p className="muted">
                Ngừng hoạt động ngày {formatDate(unit.deactivatedAt)}: {unit.deactivatedReason} (văn bản {unit.deactivationDecisionRef})
              </p>
            ) : null}
            {unit.names.length > 1 ? <p className="muted">Tên trước đây: {unit.names.slice(0, -1).map((n) => n.name).join('; ')}</p> : null}
            {unit.responsibleFor.length === 0 ? (
              <p className="empty">Không phụ trách chỉ tiêu hay nhiệm vụ nào.</p>
            ) : (
              <ul className="plain responsible-list">
                {unit.responsibleFor.map((item) => (
                  <li key={item.id}>
                    <Link to={`/indicators/${encodeURIComponent(item.id)}`}>{item.kind === 'indicator' ? `Chỉ tiêu ${item.number}: ${item.name}` : item.name}</Link>{' '}
                    <StatusBadge status={item.worstStatus} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </Page>
  );
}
