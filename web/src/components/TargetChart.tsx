/**
 * Reported figures of one numeric target by period, against the target and the pro-rata
 * expectation (for a figure accumulated over the year, the share of the year gone by at each
 * period's end; for a level, the target itself). Apache ECharts, SVG renderer.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { ProgressReport, Target } from '../api/types';
import { formatNumber, formatPeriod, periodEnd } from '../i18n/format';
import { targetInWords } from '../i18n/statuses';

// No tooltip component: every point carries its figure as a label, readable without a mouse.
echarts.use([LineChart, GridComponent, MarkLineComponent, CanvasRenderer]);

export interface ChartPoint {
  period: string;
  value: number;
  expected: number | null;
}

/** The points of the chart: the current (corrected) figure of each period's report, in period order. */
export function chartPoints(target: Target, reports: ProgressReport[]): ChartPoint[] {
  const goal = target.comparator === 'between' ? target.min : target.value;
  return reports
    .filter((report) => report.metric === target.metric && report.value !== null)
    .map((report) => ({ period: report.period, end: periodEnd(report.period) ?? report.period, value: report.value as number }))
    .sort((a, b) => a.end.localeCompare(b.end) || a.period.length - b.period.length)
    .map(({ period, end, value }) => ({ period, value, expected: expectation(target, goal, end) }));
}

export type Granularity = 'month' | 'quarter' | 'half' | 'year';

const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'half', 'year'];

export function granularityOf(period: string): Granularity {
  if (/^\d{4}-\d{2}$/.test(period)) return 'month';
  if (/-Q[1-4]$/.test(period)) return 'quarter';
  if (/-H[12]$/.test(period)) return 'half';
  return 'year';
}

export interface ChartLayout {
  /** Every month (`YYYY-MM`) of the years the reports cover: the axis, each period placed at the month it ends. */
  months: string[];
  /** One series per granularity reported: a quarter's figure is not a point of the monthly line. */
  series: Array<{ granularity: Granularity; values: Array<number | null> }>;
  expected: Array<number | null>;
}

export function chartLayout(points: ChartPoint[]): ChartLayout {
  const ends = points.map((point) => (periodEnd(point.period) ?? point.period).slice(0, 7));
  const years = ends.map((end) => Number(end.slice(0, 4))).filter((year) => Number.isFinite(year));
  const months: string[] = [];
  if (years.length > 0) {
    for (let year = Math.min(...years); year <= Math.max(...years); year++) {
      for (let month = 1; month <= 12; month++) months.push(`${year}-${String(month).padStart(2, '0')}`);
    }
  }
  const expected: Array<number | null> = months.map(() => null);
  const series = GRANULARITIES.map((granularity) => ({ granularity, values: months.map((): number | null => null) }));
  points.forEach((point, index) => {
    const at = months.indexOf(ends[index]);
    if (at < 0) return;
    series[GRANULARITIES.indexOf(granularityOf(point.period))].values[at] = point.value;
    if (point.expected !== null) expected[at] = point.expected;
  });
  return { months, series: series.filter((one) => one.values.some((value) => value !== null)), expected };
}

const SERIES_STYLE: Record<Granularity, { name: string; color: string; symbol: string; line: 'solid' | 'dashed'; label: 'top' | 'bottom' | 'left' | 'right' }> = {
  month: { name: 'Số liệu tháng', color: '#1d5fa7', symbol: 'circle', line: 'solid', label: 'top' },
  quarter: { name: 'Số liệu quý', color: '#6a3d9a', symbol: 'rect', line: 'solid', label: 'bottom' },
  half: { name: 'Số liệu 6 tháng', color: '#00796b', symbol: 'triangle', line: 'solid', label: 'right' },
  year: { name: 'Số liệu cả năm', color: '#333c47', symbol: 'pin', line: 'solid', label: 'left' },
};

/** A floor to reach over the year can be expected pro rata; a ceiling (at most, below) cannot. */
export function hasExpectation(target: Target): boolean {
  return target.accumulation === 'cumulative' && ['>=', '>', '=', 'between'].includes(target.comparator ?? '');
}

function expectation(target: Target, goal: number | null | undefined, end: string): number | null {
  if (goal === null || goal === undefined || !hasExpectation(target)) return null;
  const month = Number(end.slice(5, 7));
  return Math.round(((goal * month) / 12) * 100) / 100;
}

/** The y axis reaches the target line as well as the figures. */
function boundsWith(goal: number, points: ChartPoint[]): { min: number; max: number } {
  const values = [goal, ...points.map((p) => p.value), ...points.flatMap((p) => (p.expected === null ? [] : [p.expected]))];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low || Math.abs(high) || 1) * 0.15;
  // Counts, shares and amounts are never negative: the axis does not go below zero for them.
  return { min: low >= 0 ? Math.max(0, Math.floor(low - pad)) : Math.floor(low - pad), max: Math.ceil(high + pad) };
}

export function TargetChart({ target, reports }: { target: Target; reports: ProgressReport[] }) {
  const element = useRef<HTMLDivElement>(null);
  const points = useMemo(() => chartPoints(target, reports), [target, reports]);
  const goal = target.comparator === 'between' ? target.min : target.value;
  useEffect(() => {
    if (!element.current || points.length === 0) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const unit = target.unit === '%' ? '%' : target.unit ? ` ${target.unit}` : '';
    const layout = chartLayout(points);
    // Every month is labelled: turned when the chart is too narrow for them side by side.
    const turn = layout.months.length * 84 > element.current.clientWidth - 180;
    const bounds = goal === null || goal === undefined ? null : boundsWith(goal, points);
    const figureLabel = (p: { value: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value, 6) : '');
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      // Room on the right for the target's label, written past the end of its line, clear of the last point.
      grid: { left: 64, right: Math.max(48, Math.max(8, `${formatNumber(goal ?? 0, 6)}${unit}`.length) * 7 + 20), top: 28, bottom: turn ? 72 : 32 },
      xAxis: { type: 'category', data: layout.months.map((month) => formatPeriod(month)), axisLabel: { interval: 0, rotate: turn ? 40 : 0, hideOverlap: false } },
      // Not from zero: a share moving between 93% and 95% must be visible. The padded ends are not labelled (they would crowd the nearest round figure).
      yAxis: {
        type: 'value',
        scale: true,
        ...(bounds ?? {}),
        axisLabel: { formatter: (value: number) => formatNumber(value), showMaxLabel: bounds === null, showMinLabel: bounds === null || bounds.min === 0 },
      },
      series: [
        ...layout.series.map((one, index) => {
          const style = SERIES_STYLE[one.granularity];
          return {
            name: style.name,
            type: 'line',
            data: one.values,
            connectNulls: true,
            symbol: style.symbol,
            symbolSize: 9,
            lineStyle: { color: style.color, width: 3, type: style.line },
            itemStyle: { color: style.color },
            // Side by side, each granularity writes its figures on its own side of the point.
            label: { show: true, position: layout.series.length === 1 ? 'top' : style.label, formatter: figureLabel },
            // The year's target across the whole chart, also with a single report (a one-point line draws nothing).
            ...(index > 0 || goal === null || goal === undefined
              ? {}
              : {
                  markLine: {
                    silent: true,
                    symbol: 'none',
                    lineStyle: { type: 'dashed', color: '#b3261e', width: 2 },
                    label: { formatter: `Mục tiêu\n${formatNumber(goal, 6)}${unit}`, color: '#8a1c14', position: 'end', distance: 8, lineHeight: 16, align: 'left' },
                    data: [{ yAxis: goal }],
                  },
                }),
          };
        }),
        ...(hasExpectation(target) && goal !== null && goal !== undefined
          ? [{ name: 'Kỳ vọng theo tiến độ', type: 'line', data: layout.expected, connectNulls: true, symbol: 'diamond', symbolSize: 8, lineStyle: { type: 'dotted', color: '#8a6d00', width: 2 }, itemStyle: { color: '#8a6d00' } }]
          : []),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [points, goal, target.unit, target.accumulation]);

  if (points.length === 0) return <p className="empty">Chưa có số liệu báo cáo để vẽ biểu đồ.</p>;
  const summary = `Biểu đồ ${target.label}: mục tiêu ${targetInWords(target).toLowerCase()}; ${points
    .map((p) => `${formatPeriod(p.period)}: ${formatNumber(p.value, 6)}`)
    .join('; ')}.`;
  const cumulative = hasExpectation(target) && goal !== null && goal !== undefined;
  const granularities = GRANULARITIES.filter((granularity) => points.some((point) => granularityOf(point.period) === granularity));
  return (
    <figure className="chart-figure">
      <div className="chart" ref={element} role="img" aria-label={summary} />
      <ul className="chart-legend" aria-hidden="true">
        {granularities.map((granularity) => (
          <li key={granularity}>
            <span className={`swatch swatch-${granularity}`} />
            {SERIES_STYLE[granularity].name} (sau điều chỉnh)
          </li>
        ))}
        {goal === null || goal === undefined ? null : (
          <li>
            <span className="swatch swatch-target" />
            Mục tiêu cả năm
          </li>
        )}
        {cumulative ? (
          <li>
            <span className="swatch swatch-expected" />
            Kỳ vọng theo tiến độ thời gian
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
