/** The rows of the benchmark, the table printed at the end and bench-results.json. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { round } from './stats';

export interface Row {
  workload: string;
  /** What `ours` and `baseline` count, e.g. 'events/s' or 'ms (p99)'. */
  unit: string;
  ours: number;
  baseline: number | null;
  /** ours / baseline where a baseline exists (or the growth factor for growth rows). */
  ratio: number | null;
  goal: string;
  /** null for rows reported for information, with no goal of their own. */
  pass: boolean | null;
  /** Medians of the secondary figures (latencies, RSS) and every run's raw figure. */
  details: Record<string, unknown>;
}

export function ratioRow(workload: string, unit: string, ours: number, baseline: number, minRatio: number, details: Record<string, unknown>): Row {
  const ratio = ours / baseline;
  return { workload, unit, ours: round(ours, 1), baseline: round(baseline, 1), ratio: round(ratio, 3), goal: `>= ${Math.round(minRatio * 100)}% of baseline`, pass: ratio >= minRatio, details };
}

export function printTable(rows: readonly Row[]): void {
  const header = ['workload', 'ours', 'baseline', 'ratio', 'goal', 'result'];
  const lines = rows.map((row) => [
    row.workload,
    `${format(row.ours)} ${row.unit}`,
    row.baseline === null ? '–' : `${format(row.baseline)} ${row.unit}`,
    row.ratio === null ? '–' : row.unit.startsWith('x') ? `${row.ratio}` : `${round(row.ratio * 100, 1)}%`,
    row.goal,
    row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const print = (cells: string[]) => console.log(cells.map((cell, i) => cell.padEnd(widths[i])).join(' | '));
  print(header);
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  lines.forEach(print);
}

export function writeResults(file: string, rows: readonly Row[], extra: Record<string, unknown>): void {
  const cpus = os.cpus();
  const machine = { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` };
  fs.writeFileSync(file, `${JSON.stringify({ machine, ...extra, rows }, null, 2)}\n`);
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return String(round(value, 2));
}
