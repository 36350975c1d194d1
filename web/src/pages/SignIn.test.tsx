/** Sign-in: the API key field, the JWT option only where the service accepts tokens, a refused key in Vietnamese. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

let jwt = false;
const requested: string[] = [];

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    requested.push(url.pathname);
    if (url.pathname === '/session/sign-in-options') return Response.json({ apiKey: true, jwt });
    return Response.json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Unknown API key' }, { status: 401 });
  });
});

afterEach(() => {
  requested.length = 0;
  cleanup();
  window.sessionStorage.clear();
});

async function renderSignIn(): Promise<void> {
  const { SignIn } = await import('./SignIn');
  const { SessionProvider } = await import('../auth/session');
  const { ResolutionProvider } = await import('../resolution');
  const { useIndicators, useUnits, useIndicator } = await import('../data');
  // The shared reads, mounted beside the sign-in page: without a credential they must stay idle.
  function SharedReads() {
    useUnits();
    useIndicators();
    useIndicator('ind-01');
    return null;
  }
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider>
        <ResolutionProvider>
          <SharedReads />
          <SignIn />
        </ResolutionProvider>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('signing in', () => {
  it('sends no API query but the sign-in options before a credential is entered', async () => {
    jwt = false;
    await renderSignIn();
    await screen.findByLabelText('Khóa API');
    await waitFor(() => expect(requested).toContain('/session/sign-in-options'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requested.filter((path) => path !== '/session/sign-in-options')).toEqual([]);
  });

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
