/** Inspectors' queries on a report: an inspector raises one, the responsible unit answers, the inspector closes it. */
import { useState, type FormEvent } from 'react';
import { api, data } from '../api/client';
import type { Indicator } from '../api/types';
import { FormError } from '../components/Refusal';
import { useCommand } from './command';
import { Field, Success } from './fields';

function TextCommand({
  form,
  name,
  label,
  button,
  done,
  send,
  onClose,
}: {
  form: string;
  name: string;
  label: string;
  button: string;
  done: string;
  send: (text: string, key: string) => Promise<{ revision: number; position: number }>;
  onClose?: () => void;
}) {
  const [text, setText] = useState('');
  const command = useCommand((key) => send(text.trim(), key), () => setText(''));
  function submit(event: FormEvent) {
    event.preventDefault();
    void command.submit(text.trim() ? [] : [{ field: name, message: 'Hãy nhập nội dung.' }]);
  }
  return (
    <form ref={command.formRef} className="action-form inline-form" onSubmit={submit} noValidate aria-label={button}>
      <Field form={form} name={name} label={label} refusals={command.refusals}>
        {(props) => <textarea {...props} rows={2} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <FormError refusals={command.refusals} fields={[name]} />
      {command.done ? <Success>{done}</Success> : null}
      <div className="form-buttons">
        <button type="submit" className="button-primary" disabled={command.busy}>
          {button}
        </button>
        {onClose ? (
          <button type="button" className="button-quiet" onClick={onClose}>
            Đóng
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function RaiseQueryForm({ indicator, reportId, onClose }: { indicator: Indicator; reportId: string; onClose: () => void }) {
  return (
    <TextCommand
      form={`query-${reportId}`}
      name="question"
      label="Nội dung yêu cầu giải trình"
      button="Gửi yêu cầu giải trình"
      done="Đã gửi yêu cầu giải trình tới đơn vị phụ trách."
      onClose={onClose}
      send={(question, key) =>
        data(
          api.POST('/indicators/{id}/progress-reports/{reportId}/queries', {
            params: { path: { id: indicator.id, reportId }, header: { 'Idempotency-Key': key } },
            body: { question },
          }),
        )
      }
    />
  );
}

export function AnswerQueryForm({ indicator, queryId }: { indicator: Indicator; queryId: string }) {
  return (
    <TextCommand
      form={`answer-${queryId}`}
      name="answer"
      label="Nội dung giải trình"
      button="Gửi giải trình"
      done="Đã ghi nội dung giải trình."
      send={(answer, key) =>
        data(api.POST('/indicators/{id}/queries/{queryId}/answers', { params: { path: { id: indicator.id, queryId }, header: { 'Idempotency-Key': key } }, body: { answer } }))
      }
    />
  );
}

export function CloseQueryForm({ indicator, queryId }: { indicator: Indicator; queryId: string }) {
  return (
    <TextCommand
      form={`close-${queryId}`}
      name="conclusion"
      label="Kết luận"
      button="Khép lại yêu cầu"
      done="Đã khép lại yêu cầu giải trình."
      send={(conclusion, key) =>
        data(
          api.POST('/indicators/{id}/queries/{queryId}/closure', { params: { path: { id: indicator.id, queryId }, header: { 'Idempotency-Key': key } }, body: { conclusion } }),
        )
      }
    />
  );
}
