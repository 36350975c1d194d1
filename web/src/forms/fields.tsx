/** Form fields with their label, hint and the refusal that concerns them, tied together for screen readers. */
import type { ReactNode } from 'react';
import { FieldError } from '../components/Refusal';
import type { ShownRefusal } from '../i18n/refusals';

interface FieldProps {
  form: string;
  name: string;
  label: string;
  hint?: string;
  refusals: ShownRefusal[];
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}

export function Field({ form, name, label, hint, refusals, children }: FieldProps) {
  const id = `${form}-${name}`;
  const invalid = refusals.some((refusal) => refusal.field === name);
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': invalid, 'aria-describedby': `${id}-hint ${id}-error` })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} refusals={refusals} field={name} />
    </div>
  );
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice-success" role="status">
      {children}
    </p>
  );
}

/** A decimal typed the Vietnamese way (`93,4`, `1.234,5`) or the plain way (`93.4`), as a number; NaN if neither. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!trimmed) return Number.NaN;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return Number.NaN;
}
