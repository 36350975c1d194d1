/** Sign-in: the API key field, the JWT option only where the service accepts tokens, a refused key in Vietnamese. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

let jwt = false;

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    if (url.pathname === '/session/sign-in-options') return Response.json({ apiKey: true, jwt });
    return Response.json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Unknown API key' }, { status: 401 });
  });
});

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

async function renderSignIn(): Promise<void> {
  const { SignIn } = await import('./SignIn');
  const { SessionProvider } = await import('../auth/session');
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <SignIn />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('signing in', () => {
  it('asks for the API key only, where no token issuer is configured, and says why a key is refused', async () => {
    jwt = false;
    await renderSignIn();
    fireEvent.change(screen.getByLabelText('Khóa API'), { target: { value: 'not-a-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByText('Khóa API hoặc mã JWT không đúng, hoặc đã hết hạn. Hãy đăng nhập lại.')).toBeTruthy();
    expect(screen.queryByText('Mã JWT của cơ quan')).toBeNull();
    expect(window.sessionStorage.length).toBe(0);
  });

  it('offers a JWT where the service accepts them', async () => {
    jwt = true;
    await renderSignIn();
    fireEvent.click(await screen.findByLabelText('Mã JWT của cơ quan'));
    expect(screen.getByLabelText('Mã JWT')).toBeTruthy();
  });
});
