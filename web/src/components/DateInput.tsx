/**
 * A day typed as dd/mm/yyyy, whatever language the browser speaks (a native date field shows the
 * browser's own format, mm/dd/yyyy in an English one). The value given and taken is `YYYY-MM-DD`,
 * or '' when empty; text that is not a real day is marked and not passed on.
 */
import { useEffect, useState } from 'react';
import { formatDate, parseVietnameseDate } from '../i18n/format';

interface DateInputProps {
  id: string;
  value: string;
  onChange(day: string): void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  name?: string;
}

export function DateInput({ id, value, onChange, name, ...aria }: DateInputProps) {
  const [text, setText] = useState(value ? formatDate(value) : '');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    // Follow the value when it is changed from outside (a filter cleared), not while it is typed.
    if (value === '' || value !== parseVietnameseDate(text)) setText(value ? formatDate(value) : '');
  }, [value]);
  const hintId = `${id}-format`;
  return (
    <>
      <input
        id={id}
        name={name}
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        className="date-input"
        value={text}
        aria-invalid={bad || aria['aria-invalid'] === true}
        aria-describedby={[bad ? hintId : null, aria['aria-describedby']].filter(Boolean).join(' ') || undefined}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          const day = parseVietnameseDate(typed);
          setBad(typed.trim() !== '' && day === null && typed.trim().length >= 8);
          if (day !== null) onChange(day);
          else if (typed.trim() === '') onChange('');
        }}
        onBlur={() => setBad(text.trim() !== '' && parseVietnameseDate(text) === null)}
      />
      {bad ? (
        <span className="field-error" id={hintId}>
          Ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2021.
        </span>
      ) : null}
    </>
  );
}
