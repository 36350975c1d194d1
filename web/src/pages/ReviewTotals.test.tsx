/** The review's totals: the change since the previous period, or, for the first period, that there is none to compare with. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Review } from '../api/types';
import { Totals } from './ReviewPage';

afterEach(() => cleanup());

function review(previousPeriod: string | null): Review {
  const byChange = previousPeriod ? { improved: 3, worsened: 1, unchanged: 10, new: 2 } : { improved: 0, worsened: 0, unchanged: 0, new: 0 };
  return {
    content: {
      previousPeriod,
      totals: { targets: 30, indicators: 20, tasks: 183, byStatus: { achieved: 1, on_track: 2, at_risk: 3, off_track: 4, no_data: 5 }, byChange },
    },
  } as unknown as Review;
}

describe('the totals of a review', () => {
  it('says there is no previous period to compare with, instead of counts of change, for the first period', () => {
    render(<Totals review={review(null)} />);
    expect(screen.getByText(/Không có kỳ trước để so sánh/)).toBeTruthy();
    expect(screen.queryByText(/Mới có số liệu/)).toBeNull();
    expect(screen.queryByText(/So với kỳ trước/)).toBeNull();
  });

  it('counts the changes since the previous period when there is one', () => {
    render(<Totals review={review('2021-Q1')} />);
    expect(screen.getByText(/So với kỳ trước \(Quý I\/2021\): Tiến bộ 3 · Đi xuống 1 · Không đổi 10 · Mới có số liệu 2/)).toBeTruthy();
    expect(screen.queryByText(/Không có kỳ trước/)).toBeNull();
  });
});
