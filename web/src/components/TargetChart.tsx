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
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 64, right: 32, top: 28, bottom: 32 },
      xAxis: { type: 'category', data: points.map((p) => formatPeriod(p.period)) },
      // Not from zero: a share moving between 93% and 95% must be visible.
      yAxis: { type: 'value', scale: true, ...(goal === null || goal === undefined ? {} : boundsWith(goal, points)), axisLabel: { formatter: (value: number) => formatNumber(value) } },
      series: [
        {
          name: 'Số liệu báo cáo',
          type: 'line',
          data: points.map((p) => p.value),
          symbol: 'circle',
          symbolSize: 9,
          lineStyle: { color: '#1d5fa7', width: 3 },
          itemStyle: { color: '#1d5fa7' },
          label: { show: true, position: 'top', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value, 6) : '') },
          // The year's target across the whole chart, also with a single report (a one-point line draws nothing).
          ...(goal === null || goal === undefined
            ? {}
            : {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#b3261e', width: 2 },
                  label: { formatter: `Mục tiêu ${formatNumber(goal, 6)}${unit}`, color: '#8a1c14', position: 'insideEndTop' },
                  data: [{ yAxis: goal }],
                },
              }),
        },
        ...(hasExpectation(target) && goal !== null && goal !== undefined
          ? [{ name: 'Kỳ vọng theo tiến độ', type: 'line', data: points.map((p) => p.expected), symbol: 'diamond', symbolSize: 8, lineStyle: { type: 'dotted', color: '#8a6d00', width: 2 }, itemStyle: { color: '#8a6d00' } }]
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
  return (
    <figure className="chart-figure">
      <div className="chart" ref={element} role="img" aria-label={summary} />
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-reported" />
          Số liệu báo cáo (sau điều chỉnh)
        </li>
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
