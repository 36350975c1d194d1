/** The chart keeps each granularity of report apart, every period placed at the month it ends. */
import { describe, expect, it } from 'vitest';
import { chartLayout, granularityOf, type ChartPoint } from './TargetChart';

const point = (period: string, value: number, expected: number | null = null): ChartPoint => ({ period, value, expected });

describe('the layout of a target chart', () => {
  it('names the granularity of each period', () => {
    expect(['2021-03', '2021-Q1', '2021-H1', '2021'].map(granularityOf)).toEqual(['month', 'quarter', 'half', 'year']);
  });

  it('draws a quarterly report in a series of its own, at the quarter’s last month, not between two months of the monthly line', () => {
    const layout = chartLayout([point('2021-01', 10), point('2021-02', 11), point('2021-Q1', 30), point('2021-03', 12), point('2021-04', 13)]);
    expect(layout.months).toHaveLength(12);
    expect(layout.months[0]).toBe('2021-01');
    expect(layout.months[11]).toBe('2021-12');
    expect(layout.series.map((one) => one.granularity)).toEqual(['month', 'quarter']);
    const [months, quarters] = layout.series;
    expect(months.values.slice(0, 5)).toEqual([10, 11, 12, 13, null]);
    expect(quarters.values.filter((value) => value !== null)).toEqual([30]);
    expect(quarters.values[2]).toBe(30);
    expect(months.values).not.toContain(30);
  });

  it('places the expectation at each reported period’s end', () => {
    const layout = chartLayout([point('2021-Q2', 40, 50), point('2021', 90, 100)]);
    expect(layout.expected[5]).toBe(50);
    expect(layout.expected[11]).toBe(100);
    expect(layout.series.map((one) => one.granularity)).toEqual(['quarter', 'year']);
  });

  it('covers every year the reports name', () => {
    expect(chartLayout([point('2021-12', 1), point('2022-01', 2)]).months).toHaveLength(24);
    expect(chartLayout([]).months).toEqual([]);
  });
});
