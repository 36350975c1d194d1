/** A refusal of the API, in Vietnamese: next to a field, or for a whole page or action. */
import { ApiRefusal } from '../api/client';
import { describeRefusal, type ShownRefusal } from '../i18n/refusals';

export function refusalsOf(error: unknown): ShownRefusal[] {
  if (error instanceof ApiRefusal) return describeRefusal(error.body, error.status);
  return [{ field: null, message: 'Không kết nối được với hệ thống. Hãy kiểm tra mạng rồi thử lại.' }];
}

/** Why a page could not be shown. */
export function PageRefusal({ error }: { error: unknown }) {
  return (
    <div className="notice notice-error" role="alert">
      {refusalsOf(error).map((refusal, index) => (
        <p key={index}>{refusal.message}</p>
      ))}
    </div>
  );
}

/** The message for one field of a form, tied to its input by `id` (aria-describedby). */
export function FieldError({ id, refusals, field }: { id: string; refusals: ShownRefusal[]; field: string }) {
  const mine = refusals.filter((refusal) => refusal.field === field);
  if (mine.length === 0) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {mine.map((refusal) => refusal.message).join(' ')}
    </p>
  );
}

/** What a form could not tie to one of its fields. */
export function FormError({ refusals, fields }: { refusals: ShownRefusal[]; fields: readonly string[] }) {
  const rest = refusals.filter((refusal) => refusal.field === null || !fields.includes(refusal.field));
  if (rest.length === 0) return null;
  // Focusable from script (not in the tab order): a refused form moves the focus here.
  return (
    <div className="notice notice-error form-error" role="alert" tabIndex={-1}>
      {rest.map((refusal, index) => (
        <p key={index}>{refusal.message}</p>
      ))}
    </div>
  );
}

export function Loading({ what = 'dữ liệu' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      Đang tải {what}…
    </p>
  );
}
