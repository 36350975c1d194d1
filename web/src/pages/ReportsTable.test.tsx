/** The reports table opens a report's forms on a row of their own, across the whole table, not in the narrow actions cell. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Indicator, ProgressReport } from '../api/types';

beforeAll(() => {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ items: [], total: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
});

afterEach(() => cleanup());

const indicator = {
  id: 'ind-12',
  year: 2021,
  revision: 3,
  targets: [{ metric: 'health_insurance_coverage', label: 'Tỷ lệ bao phủ bảo hiểm y tế đạt 97%', kind: 'numeric', comparator: '>=', value: 97, unit: '%' }],
} as unknown as Indicator;

const report = {
  reportId: 'r-1',
  metric: 'health_insurance_coverage',
  period: '2021-Q1',
  value: 93.4,
  state: null,
  originalValue: 93.4,
  correctionCount: 0,
  corrections: [],
  evidence: [],
  note: null,
  reportedAt: '2021-04-05T02:00:00.000Z',
  reportedBy: { id: 'staff', unitId: 'unit-a' },
} as unknown as ProgressReport;

async function renderTable(): Promise<void> {
  const { ReportsTable } = await import('./IndicatorPage');
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <ReportsTable indicator={indicator} reports={[report]} canReport canQuery />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the forms on a report', () => {
  it.each([
    ['Yêu cầu giải trình', 'Gửi yêu cầu giải trình'],
    ['Điều chỉnh', 'Điều chỉnh báo cáo'],
  ])('opens "%s" on a full-width row under the report', async (button, formName) => {
    await renderTable();
    fireEvent.click(screen.getByRole('button', { name: button }));
    const form = screen.getByRole('form', { name: formName });
    const cell = form.closest('td')!;
    expect(cell.classList.contains('row-actions')).toBe(false);
    expect(cell.colSpan).toBe(6);
    expect(cell.closest('tr')!.previousElementSibling!.contains(screen.getByRole('button', { name: button }))).toBe(true);
  });
});
