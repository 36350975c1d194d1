/** A reporter (of the responsible unit) or a coordinator reports a period's figure, or a task's state. */
import { useState, type FormEvent } from 'react';
import { api, data } from '../api/client';
import type { Indicator } from '../api/types';
import { formatPeriod } from '../i18n/format';
import type { ShownRefusal } from '../i18n/refusals';
import { MILESTONE_STATE_LABELS } from '../i18n/statuses';
import { FormError } from '../components/Refusal';
import { useCommand } from './command';
import { Field, parseDecimal, Success } from './fields';
import { DateInput } from '../components/DateInput';

/** The periods a report may name in a year: months, quarters, halves, the year. */
export function periodsOf(year: number): string[] {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return [...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...months, `${year}-H1`, `${year}-H2`, `${year}`];
}

export function ReportForm({ indicator }: { indicator: Indicator }) {
  const [metric, setMetric] = useState(indicator.targets[0]?.metric ?? '');
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [state, setState] = useState('');
  const [narrative, setNarrative] = useState('');
  const [completedOn, setCompletedOn] = useState('');
  const [note, setNote] = useState('');
  const [evidenceTitle, setEvidenceTitle] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const [evidenceIssuedOn, setEvidenceIssuedOn] = useState('');
  const target = indicator.targets.find((t) => t.metric === metric);
  const milestone = target?.kind === 'milestone';

  const command = useCommand(
    (key) =>
      data(
        api.POST('/indicators/{id}/progress-reports', {
          params: { path: { id: indicator.id }, header: { 'Idempotency-Key': key } },
          body: {
            metric,
            period,
            expectedRevision: indicator.revision,
            ...(milestone
              ? { state: state as 'completed', narrative: narrative.trim(), ...(completedOn ? { completedOn } : {}) }
              : { value: parseDecimal(value) }),
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(evidenceTitle.trim() || evidenceRef.trim()
              ? { evidence: [{ title: evidenceTitle.trim(), documentRef: evidenceRef.trim(), issuedOn: evidenceIssuedOn }] }
              : {}),
          },
        }),
      ),
    () => {
      setValue('');
      setNote('');
      setNarrative('');
    },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const local: ShownRefusal[] = [];
    if (!period) local.push({ field: 'period', message: 'Hãy chọn kỳ báo cáo.' });
    if (!milestone && Number.isNaN(parseDecimal(value))) local.push({ field: 'value', message: 'Số liệu phải là một số, ví dụ 93,4 hoặc 1.250.' });
    if (milestone && !state) local.push({ field: 'state', message: 'Hãy chọn tình trạng thực hiện.' });
    void command.submit(local);
  }

  const form = 'report';
  const fields = ['metric', 'period', 'value', 'state', 'narrative', 'completedOn', 'note', 'evidence'];
  return (
    <form ref={command.formRef} className="action-form" onSubmit={submit} noValidate aria-labelledby="report-heading">
      <h3 id="report-heading">Báo cáo kết quả</h3>
      {indicator.targets.length > 1 ? (
        <Field form={form} name="metric" label="Mục tiêu" refusals={command.refusals}>
          {(props) => (
            <select {...props} value={metric} onChange={(event) => setMetric(event.target.value)}>
              {indicator.targets.map((t) => (
                <option key={t.metric} value={t.metric}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field form={form} name="period" label="Kỳ báo cáo" refusals={command.refusals}>
        {(props) => (
          <select {...props} value={period} onChange={(event) => setPeriod(event.target.value)}>
            <option value="">Chọn kỳ…</option>
            {periodsOf(indicator.year).map((p) => (
              <option key={p} value={p}>
                {formatPeriod(p)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {milestone ? (
        <>
          <Field form={form} name="state" label="Tình trạng thực hiện" refusals={command.refusals}>
            {(props) => (
              <select {...props} value={state} onChange={(event) => setState(event.target.value)}>
                <option value="">Chọn tình trạng…</option>
                {Object.entries(MILESTONE_STATE_LABELS).map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="narrative" label="Mô tả kết quả" refusals={command.refusals}>
            {(props) => <textarea {...props} rows={3} value={narrative} onChange={(event) => setNarrative(event.target.value)} />}
          </Field>
          {state === 'completed' ? (
            <Field form={form} name="completedOn" label="Ngày hoàn thành" refusals={command.refusals}>
              {(props) => <DateInput {...props} value={completedOn} onChange={setCompletedOn} />}
            </Field>
          ) : null}
        </>
      ) : (
        <Field form={form} name="value" label={`Số liệu${target?.unit ? ` (${target.unit})` : ''}`} hint="Dấu phẩy cho phần thập phân, ví dụ 93,4." refusals={command.refusals}>
          {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} />}
        </Field>
      )}
      <Field form={form} name="note" label="Ghi chú (không bắt buộc)" refusals={command.refusals}>
        {(props) => <input {...props} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <fieldset className="evidence">
        <legend>Tài liệu minh chứng (không bắt buộc)</legend>
        <Field form={form} name="evidence" label="Tên tài liệu" refusals={command.refusals}>
          {(props) => <input {...props} value={evidenceTitle} onChange={(event) => setEvidenceTitle(event.target.value)} />}
        </Field>
        <div className="field-row">
          <Field form={form} name="evidenceRef" label="Số hiệu" refusals={command.refusals}>
            {(props) => <input {...props} value={evidenceRef} onChange={(event) => setEvidenceRef(event.target.value)} />}
          </Field>
          <Field form={form} name="evidenceIssuedOn" label="Ngày ban hành" refusals={command.refusals}>
            {(props) => <DateInput {...props} value={evidenceIssuedOn} onChange={setEvidenceIssuedOn} />}
          </Field>
        </div>
      </fieldset>
      <FormError refusals={command.refusals} fields={fields} />
      {command.done ? <Success>Đã ghi báo cáo vào sổ cái (phiên bản {command.done.revision}).</Success> : null}
      <button type="submit" className="button-primary" disabled={command.busy}>
        {command.busy ? 'Đang gửi…' : 'Gửi báo cáo'}
      </button>
    </form>
  );
}
