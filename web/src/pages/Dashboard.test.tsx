/** Tổng quan: the "Cần chú ý" list follows the same filters (group, unit, status) as the counts and tables. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

function item(id: string, number: number, group: string, unit: string, worstStatus: string) {
  return { id, kind: 'indicator', number, name: `Chỉ tiêu thử ${number}`, group, resolutionId: 'nq-2021', responsibleUnitId: unit, worstStatus, targets: [], openQueryCount: 0, closed: false };
}

const items = [item('ind-01', 1, 'economy', 'unit-a', 'not_achieved'), item('ind-02', 2, 'society', 'unit-b', 'at_risk'), item('ind-03', 3, 'economy', 'unit-a', 'on_track')];

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    const resolution = { id: 'nq-2021', year: 2021, title: 'Nghị quyết năm 2021', indicatorIds: [], taskIds: [], counts: { indicators: 3, tasks: 0 } };
    const body =
      url.pathname === '/indicators' ? { items, total: items.length } : url.pathname === '/resolutions' ? { items: [resolution], total: 1 } : { items: [], total: 0 };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

async function renderDashboard(search: string): Promise<HTMLElement> {
  const { Dashboard } = await import('./Dashboard');
  const { ResolutionProvider } = await import('../resolution');
  window.sessionStorage.setItem('resolution-ledger.credential', 'demo-key');
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={[`/${search}`]}>
        <ResolutionProvider>
          <Dashboard />
        </ResolutionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return (await screen.findByRole('heading', { name: /Cần chú ý/ })).closest('section')!;
}

describe('what needs attention on the dashboard', () => {
  it('lists every item at risk or missed without filters', async () => {
    const attention = await renderDashboard('');
    expect(within(attention).getByRole('heading').textContent).toBe('Cần chú ý (2)');
  });

  it('follows the status filter', async () => {
    const attention = await renderDashboard('?status=at_risk');
    expect(within(attention).getByRole('heading').textContent).toBe('Cần chú ý (1)');
    expect(within(attention).getByText(/Chỉ tiêu thử 2/)).toBeTruthy();
    expect(within(attention).queryByText(/Chỉ tiêu thử 1/)).toBeNull();
  });

  it('follows the unit and group filters', async () => {
    const attention = await renderDashboard('?unit=unit-a&group=economy');
    expect(within(attention).getByRole('heading').textContent).toBe('Cần chú ý (1)');
    expect(within(attention).getByText(/Chỉ tiêu thử 1/)).toBeTruthy();
    expect(within(attention).queryByText(/Chỉ tiêu thử 2/)).toBeNull();
  });
});
