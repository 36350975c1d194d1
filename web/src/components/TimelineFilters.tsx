/** The filters an indicator's history and the global audit log share: event type, a date window, the acting unit. */
import { useUnits } from '../data';
import { eventTypeLabel } from '../i18n/statuses';
import { DateInput } from './DateInput';

export interface TimelineFilterValues {
  type: string;
  from: string;
  to: string;
  unit: string;
}

interface Props {
  /** Prefix of the fields' ids, so two filter forms could share a page. */
  idPrefix: string;
  ariaLabel: string;
  typeLabel: string;
  types: readonly string[];
  values: TimelineFilterValues;
  onChange: (name: keyof TimelineFilterValues, value: string) => void;
}

export function TimelineFilters({ idPrefix, ariaLabel, typeLabel, types, values, onChange }: Props) {
  const units = useUnits();
  return (
    <form className="filters" aria-label={ariaLabel} onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${idPrefix}-type`}>{typeLabel}</label>
        <select id={`${idPrefix}-type`} value={values.type} onChange={(event) => onChange('type', event.target.value)}>
          <option value="">Mọi loại</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {eventTypeLabel(t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>Từ ngày</label>
        <DateInput id={`${idPrefix}-from`} value={values.from} onChange={(day) => onChange('from', day)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>Đến ngày</label>
        <DateInput id={`${idPrefix}-to`} value={values.to} onChange={(day) => onChange('to', day)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-unit`}>Đơn vị thực hiện</label>
        <select id={`${idPrefix}-unit`} value={values.unit} onChange={(event) => onChange('unit', event.target.value)}>
          <option value="">Mọi đơn vị</option>
          {(units.data?.items ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name ?? u.id}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
