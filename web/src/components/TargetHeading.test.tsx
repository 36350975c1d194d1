/** A target card says when the target was revised, keeping the registration's sentence as the original. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry, Target } from '../api/types';
import { TargetHeading } from './TargetHeading';

afterEach(() => cleanup());

const target = { metric: 'health_insurance_coverage', label: 'Tỷ lệ bao phủ bảo hiểm y tế đạt 97%', kind: 'numeric', comparator: '>=', value: 98.5, unit: '%' } as unknown as Target;

function revision(metric: string): HistoryEntry {
  return {
    type: 'TargetRevised',
    metric,
    recordedAt: '2021-08-23T03:44:00.000Z',
    effectiveDate: '2021-08-23',
    decisionRef: 'Kết luận số 356-KL/TU',
    before: { comparator: '>=', value: 97 },
    after: { comparator: '>=', value: 98.5 },
  } as unknown as HistoryEntry;
}

describe('the heading of a target card', () => {
  it('is the registration sentence while the target was never revised', () => {
    render(<TargetHeading target={target} revisions={[revision('another_metric')]} />);
    expect(screen.getByRole('heading').textContent).toBe('Tỷ lệ bao phủ bảo hiểm y tế đạt 97%');
    expect(screen.queryByText(/đã điều chỉnh/)).toBeNull();
  });

  it('says the target was revised, by which decision and from when, and keeps the original sentence as such', () => {
    render(<TargetHeading target={target} revisions={[revision('health_insurance_coverage')]} />);
    expect(screen.getByRole('heading').textContent).toBe('Mục tiêu đã điều chỉnh');
    expect(screen.getByText('Mục tiêu ban đầu: Tỷ lệ bao phủ bảo hiểm y tế đạt 97%')).toBeTruthy();
    expect(screen.getByText('Theo Kết luận số 356-KL/TU, từ ngày 23/08/2021.')).toBeTruthy();
  });
});
