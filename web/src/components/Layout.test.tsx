/**
 * The frame of every page: the resolution chosen in the header (the most recent first), and the
 * "Dữ liệu minh họa" banner exactly when the chosen resolution's store holds demo data.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

let resolutions: unknown[] = [];

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    const session = { principalId: 'staff:demo', name: 'Cán bộ minh họa', unitId: null, roles: [] };
    const body = url.pathname === '/session' ? session : url.pathname === '/resolutions' ? { items: resolutions, total: resolutions.length } : url.pathname === '/units' ? { items: [], total: 0 } : {};
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

function resolution(id: string, year: number, extra: Record<string, unknown> = {}) {
  return { id, year, title: `Nghị quyết năm ${year}`, issuingBody: null, parentResolution: null, theme: null, signedBy: null, registeredAt: null, indicatorIds: [], taskIds: [], updatedAt: '2021-01-01T00:00:00Z', counts: { indicators: 20, tasks: 183 }, ...extra };
}

async function renderLayout(): Promise<void> {
  const { Layout } = await import('./Layout');
  const { ResolutionProvider } = await import('../resolution');
  const { SessionProvider } = await import('../auth/session');
  window.sessionStorage.setItem('resolution-ledger.credential', 'demo-key');
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <SessionProvider>
          <ResolutionProvider>
            <Layout />
          </ResolutionProvider>
        </SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the frame of the console', () => {
  it('chooses the most recent resolution, and shows no demo banner on a real store (also when the API does not say)', async () => {
    resolutions = [resolution('nq-2021', 2021), resolution('nq-2022', 2022, { demoData: false })];
    await renderLayout();
    const choice = (await screen.findByRole('option', { name: /Năm 2022/ })).closest('select')!;
    expect(choice.value).toBe('nq-2022');
    fireEvent.change(choice, { target: { value: 'nq-2021' } });
    expect(choice.value).toBe('nq-2021');
    expect(screen.queryByText('Dữ liệu minh họa')).toBeNull();
  });

  it('says "Dữ liệu minh họa" when the chosen resolution holds demo data', async () => {
    resolutions = [resolution('nq-2021', 2021, { demoData: true })];
    await renderLayout();
    expect(await screen.findByText('Dữ liệu minh họa')).toBeTruthy();
  });
});
