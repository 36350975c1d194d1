/** Correcting a report: the new figure (or state) and the reason, which the history keeps. */
import { useState, type FormEvent } from 'react';
import { api, data } from '../api/client';
import type { Indicator, ProgressReport } from '../api/types';
import { FormError } from '../components/Refusal';
import type { ShownRefusal } from '../i18n/refusals';
import { MILESTONE_STATE_LABELS } from '../i18n/statuses';
import { useCommand } from './command';
import { Field, parseDecimal, Success } from './fields';

export function CorrectionForm({ indicator, report, onClose }: { indicator: Indicator; report: ProgressReport; onClose: () => void }) {
  const milestone = report.value === null;
  const [value, setValue] = useState('');
  const [state, setState] = useState(report.state ?? '');
  const [narrative, setNarrative] = useState(report.narrative ?? '');
  const [reason, setReason] = useState('');
  const command = useCommand((key) =>
    data(
      api.POST('/indicators/{id}/progress-reports/{reportId}/corrections', {
        params: { path: { id: indicator.id, reportId: report.reportId }, header: { 'Idempotency-Key': key } },
        body: {
          reason: reason.trim(),
          expectedRevision: indicator.revision,
          ...(milestone ? { state: state as 'completed', narrative: narrative.trim() } : { value: parseDecimal(value) }),
        },
      }),
    ),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    const local: ShownRefusal[] = [];
    if (!milestone && Number.isNaN(parseDecimal(value))) local.push({ field: 'value', message: 'Số liệu phải là một số, ví dụ 93,4 hoặc 1.250.' });
    if (!reason.trim()) local.push({ field: 'reason', message: 'Cần nêu lý do điều chỉnh.' });
    void command.submit(local);
  }
  const form = `correct-${report.reportId}`;
  return (
    <form ref={command.formRef} className="action-form inline-form" onSubmit={submit} noValidate aria-label="Điều chỉnh báo cáo">
      {milestone ? (
        <>
          <Field form={form} name="state" label="Tình trạng mới" refusals={command.refusals}>
            {(props) => (
              <select {...props} value={state} onChange={(event) => setState(event.target.value)}>
                {Object.entries(MILESTONE_STATE_LABELS).map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="narrative" label="Mô tả kết quả" refusals={command.refusals}>
            {(props) => <textarea {...props} rows={2} value={narrative} onChange={(event) => setNarrative(event.target.value)} />}
          </Field>
        </>
      ) : (
        <Field form={form} name="value" label="Số liệu đúng" hint="Dấu phẩy cho phần thập phân, ví dụ 93,4." refusals={command.refusals}>
          {(props) => <input {...props} inputMode="decimal" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} />}
        </Field>
      )}
      <Field form={form} name="reason" label="Lý do điều chỉnh" refusals={command.refusals}>
        {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <FormError refusals={command.refusals} fields={['value', 'state', 'narrative', 'reason']} />
      {command.done ? <Success>Đã ghi điều chỉnh (phiên bản {command.done.revision}).</Success> : null}
      <div className="form-buttons">
        <button type="submit" className="button-primary" disabled={command.busy}>
          Ghi điều chỉnh
        </button>
        <button type="button" className="button-quiet" onClick={onClose}>
          Đóng
        </button>
      </div>
    </form>
  );
}
