/** Decisions under a document number: a coordinator (or the standing committee) reassigns; the standing committee revises a target. */
import { useState, type FormEvent } from 'react';
import { api, data } from '../api/client';
import type { Indicator } from '../api/types';
import { FormError } from '../components/Refusal';
import { useUnits } from '../data';
import type { ShownRefusal } from '../i18n/refusals';
import { targetInWords } from '../i18n/statuses';
import { useCommand } from './command';
import { Field, parseDecimal, Success } from './fields';

function decisionChecks(reason: string, decisionRef: string): ShownRefusal[] {
  const local: ShownRefusal[] = [];
  if (!reason.trim()) local.push({ field: 'reason', message: 'Cần nêu lý do.' });
  if (!decisionRef.trim()) local.push({ field: 'decisionRef', message: 'Cần ghi số hiệu văn bản quyết định.' });
  return local;
}

export function ReassignForm({ indicator }: { indicator: Indicator }) {
  const units = useUnits();
  const [toUnitId, setToUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const command = useCommand((key) =>
    data(
      api.POST('/indicators/{id}/reassignments', {
        params: { path: { id: indicator.id }, header: { 'Idempotency-Key': key } },
        body: { toUnitId, reason: reason.trim(), decisionRef: decisionRef.trim(), expectedRevision: indicator.revision },
      }),
    ),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    const local = decisionChecks(reason, decisionRef);
    if (!toUnitId) local.unshift({ field: 'toUnitId', message: 'Hãy chọn đơn vị nhận.' });
    void command.submit(local);
  }
  const active = (units.data?.items ?? []).filter((unit) => unit.active).sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'vi'));
  const form = 'reassign';
  return (
    <form ref={command.formRef} className="action-form" onSubmit={submit} noValidate aria-labelledby="reassign-heading">
      <h3 id="reassign-heading">Phân công lại đơn vị phụ trách</h3>
      <Field form={form} name="toUnitId" label="Đơn vị nhận" refusals={command.refusals}>
        {(props) => (
          <select {...props} value={toUnitId} onChange={(event) => setToUnitId(event.target.value)}>
            <option value="">Chọn đơn vị…</option>
            {active.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name ?? unit.id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="reason" label="Lý do" refusals={command.refusals}>
        {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <Field form={form} name="decisionRef" label="Số hiệu văn bản" hint="Ví dụ: 125/QĐ-TU" refusals={command.refusals}>
        {(props) => <input {...props} value={decisionRef} onChange={(event) => setDecisionRef(event.target.value)} />}
      </Field>
      <FormError refusals={command.refusals} fields={['toUnitId', 'reason', 'decisionRef']} />
      {command.done ? <Success>Đã phân công lại (phiên bản {command.done.revision}).</Success> : null}
      <button type="submit" className="button-primary" disabled={command.busy}>
        Phân công lại
      </button>
    </form>
  );
}

export function ReviseTargetForm({ indicator }: { indicator: Indicator }) {
  const numeric = indicator.targets.filter((target) => target.kind === 'numeric' && target.comparator !== 'top_group' && target.comparator !== 'between');
  const [metric, setMetric] = useState(numeric[0]?.metric ?? '');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const target = numeric.find((t) => t.metric === metric);
  const command = useCommand((key) =>
    data(
      api.POST('/indicators/{id}/target-revisions', {
        params: { path: { id: indicator.id }, header: { 'Idempotency-Key': key } },
        body: { metric, value: parseDecimal(value), reason: reason.trim(), decisionRef: decisionRef.trim(), expectedRevision: indicator.revision },
      }),
    ),
  );
  if (!target) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    const local = decisionChecks(reason, decisionRef);
    if (Number.isNaN(parseDecimal(value))) local.unshift({ field: 'value', message: 'Mục tiêu mới phải là một số, ví dụ 95 hoặc 1.250.' });
    void command.submit(local);
  }
  const form = 'revise';
  return (
    <form ref={command.formRef} className="action-form" onSubmit={submit} noValidate aria-labelledby="revise-heading">
      <h3 id="revise-heading">Điều chỉnh mục tiêu</h3>
      {numeric.length > 1 ? (
        <Field form={form} name="metric" label="Mục tiêu" refusals={command.refusals}>
          {(props) => (
            <select {...props} value={metric} onChange={(event) => setMetric(event.target.value)}>
              {numeric.map((t) => (
                <option key={t.metric} value={t.metric}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <p className="hint hint-block">Hiện hành: {targetInWords(target)}</p>
      <Field form={form} name="value" label={`Giá trị mới${target.unit ? ` (${target.unit})` : ''}`} refusals={command.refusals}>
        {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} />}
      </Field>
      <Field form={form} name="reason" label="Lý do" refusals={command.refusals}>
        {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <Field form={form} name="decisionRef" label="Số hiệu văn bản" hint="Ví dụ: 45-NQ/TU" refusals={command.refusals}>
        {(props) => <input {...props} value={decisionRef} onChange={(event) => setDecisionRef(event.target.value)} />}
      </Field>
      <FormError refusals={command.refusals} fields={['metric', 'value', 'reason', 'decisionRef']} />
      {command.done ? <Success>Đã điều chỉnh mục tiêu (phiên bản {command.done.revision}).</Success> : null}
      <button type="submit" className="button-primary" disabled={command.busy}>
        Điều chỉnh mục tiêu
      </button>
    </form>
  );
}
