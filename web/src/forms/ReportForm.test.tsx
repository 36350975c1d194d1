/**
 * The report form against a stubbed API: a refusal is shown in Vietnamese next to the field it
 * concerns, tied to it for screen readers; what the form can tell before sending is said the same way.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Indicator } from '../api/types';

const sent: Array<{ url: string; body: unknown; headers: Headers }> = [];
let answer: { status: number; body: unknown } = { status: 201, body: { reportId: 'r-1', revision: 4, position: 300 } };

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: Request) => {
    sent.push({ url: input.url, body: await input.clone().json(), headers: input.headers });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  });
});

afterEach(() => {
  cleanup();
  sent.length = 0;
});

const indicator = {
  id: 'ind-12',
  year: 2021,
  revision: 3,
  targets: [{ metric: 'health_insurance_coverage', label: 'Tỷ lệ bao phủ bảo hiểm y tế', kind: 'numeric', comparator: '>=', value: 97, unit: '%' }],
} as unknown as Indicator;

async function renderForm(): Promise<void> {
  const { ReportForm } = await import('./ReportForm');
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
  render(<ReportForm indicator={indicator} />, { wrapper });
}

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

describe('the report form', () => {
  it('shows a refusal of the API next to its field, in Vietnamese', async () => {
    answer = { status: 422, body: { statusCode: 422, code: 'VALUE_OUT_OF_RANGE', message: '140 does not suit a share', details: { measure: 'share', value: 140 } } };
    await renderForm();
    fill('Kỳ báo cáo', '2021-Q1');
    fill('Số liệu', '140');
    fireEvent.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));
    const message = await screen.findByText('Giá trị không phù hợp với đơn vị đo của mục tiêu. Tỷ lệ phần trăm phải từ 0 đến 100.');
    const input = screen.getByLabelText('Số liệu', { exact: false });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.queryByText(/does not suit/)).toBeNull();
    expect(sent[0].body).toMatchObject({ metric: 'health_insurance_coverage', period: '2021-Q1', value: 140, expectedRevision: 3 });
    expect(sent[0].headers.get('Idempotency-Key')).toMatch(/^console-/);
  });

  it('reads a Vietnamese decimal and confirms the write', async () => {
    answer = { status: 201, body: { reportId: 'r-1', revision: 4, position: 300 } };
    await renderForm();
    fill('Kỳ báo cáo', '2021-Q2');
    fill('Số liệu', '94,2');
    fireEvent.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));
    await screen.findByText('Đã ghi báo cáo vào sổ cái (phiên bản 4).');
    expect(sent[0].body).toMatchObject({ value: 94.2 });
  });

  it('says what is missing before sending anything', async () => {
    await renderForm();
    fill('Số liệu', 'chín mươi');
    fireEvent.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));
    await waitFor(() => expect(screen.getByText('Hãy chọn kỳ báo cáo.')).toBeTruthy());
    expect(screen.getByText('Số liệu phải là một số, ví dụ 93,4 hoặc 1.250.')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('moves the focus to the first invalid field when the form is refused', async () => {
    await renderForm();
    fill('Số liệu', 'chín mươi');
    const button = screen.getByRole('button', { name: 'Gửi báo cáo' });
    button.focus();
    fireEvent.click(button);
    await screen.findByText('Hãy chọn kỳ báo cáo.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Kỳ báo cáo')));
  });

  it('moves the focus to the form\'s message when the refusal concerns no field', async () => {
    answer = { status: 409, body: { statusCode: 409, code: 'CONCURRENCY_CONFLICT', message: 'revision 2 expected, 3 found', details: { expectedRevision: 3, currentRevision: 4 } } };
    await renderForm();
    fill('Kỳ báo cáo', '2021-Q3');
    fill('Số liệu', '95');
    const button = screen.getByRole('button', { name: 'Gửi báo cáo' });
    button.focus();
    fireEvent.click(button);
    const alert = await screen.findByText(/vừa được người khác cập nhật/);
    await waitFor(() => expect(document.activeElement).toBe(alert.closest('[role="alert"]')));
  });
});
