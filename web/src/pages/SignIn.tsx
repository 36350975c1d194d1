/** Sign-in: an API key (or a JWT where the service accepts them), kept for this browser tab only. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, data } from '../api/client';
import { useSession } from '../auth/session';
import { FieldError, FormError, refusalsOf } from '../components/Refusal';
import type { ShownRefusal } from '../i18n/refusals';
import { useFocusOnRefusal } from '../forms/focus';

export function SignIn() {
  const { signIn } = useSession();
  const options = useQuery({ queryKey: ['sign-in-options'], queryFn: () => data(api.GET('/session/sign-in-options')), retry: false, enabled: true });
  const [method, setMethod] = useState<'api_key' | 'jwt'>('api_key');
  const [credential, setCredential] = useState('');
  const [refusals, setRefusals] = useState<ShownRefusal[]>([]);
  const formRef = useFocusOnRefusal(refusals);
  const [busy, setBusy] = useState(false);
  const jwt = options.data?.jwt === true;
  const label = method === 'jwt' ? 'Mã JWT' : 'Khóa API';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = credential.trim();
    if (!trimmed) {
      setRefusals([{ field: 'credential', message: `Hãy nhập ${label.toLowerCase()}.` }]);
      return;
    }
    setBusy(true);
    try {
      await signIn(trimmed);
    } catch (error) {
      setRefusals(refusalsOf(error).map((refusal) => ({ ...refusal, field: 'credential' })));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <h1>Sổ theo dõi thực hiện nghị quyết</h1>
        <p className="subtitle">Đảng bộ Thành phố Hạ Long · Đăng nhập để xem và cập nhật tiến độ</p>
        <form ref={formRef} onSubmit={submit} noValidate>
          {jwt ? (
            <fieldset className="choice">
              <legend>Đăng nhập bằng</legend>
              <label>
                <input type="radio" name="method" checked={method === 'api_key'} onChange={() => setMethod('api_key')} /> Khóa API
              </label>
              <label>
                <input type="radio" name="method" checked={method === 'jwt'} onChange={() => setMethod('jwt')} /> Mã JWT của cơ quan
              </label>
            </fieldset>
          ) : null}
          <div className="field">
            <label htmlFor="credential">{label}</label>
            <input
              id="credential"
              name="credential"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={credential}
              onChange={(event) => setCredential(event.target.value)}
              aria-invalid={refusals.some((r) => r.field === 'credential')}
              aria-describedby="credential-hint credential-error"
            />
            <p className="hint" id="credential-hint">
              Khóa chỉ được giữ trong thẻ trình duyệt này và bị xóa khi đóng thẻ.
            </p>
            <FieldError id="credential-error" refusals={refusals} field="credential" />
          </div>
          <FormError refusals={refusals} fields={['credential']} />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Đang kiểm tra…' : 'Đăng nhập'}
          </button>
        </form>
      </div>
    </main>
  );
}
