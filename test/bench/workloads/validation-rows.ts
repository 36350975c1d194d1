/**
 * The parent's side of the validation workload (the child's is ./validation.ts): each variant in its
 * own child, alternating the order per run, medians reported. Two rows, for information:
 * the service's pipe against the hand-written check (what a generic validator costs beyond the rules
 * themselves), and against the stock ValidationPipe (what the metadata cache saves).
 */
import { runInChild } from '../support/processes';
import { ratioRow, type Row } from '../support/report';
import type { BenchSettings } from '../support/settings';
import { median, round } from '../support/stats';
import type { ValidationResult, ValidationVariant } from './validation';

const VARIANTS: readonly ValidationVariant[] = ['service', 'stock', 'hand-written'];

export async function validationRows(settings: BenchSettings, log: (line: string) => void): Promise<Row[]> {
  const count = settings.quick ? 50_000 : 200_000;
  log(`validation of the ReportProgress body in process (${count} calls per run; ${VARIANTS.join(', ')}) …`);
  const runs = new Map<ValidationVariant, ValidationResult[]>(VARIANTS.map((variant) => [variant, []]));
  for (let run = 0; run < settings.runs; run++) {
    const order = run % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
    for (const variant of order) runs.get(variant)?.push(await runInChild<ValidationResult>(`validation-${variant}`, { variant, count }));
  }
  const rate = (variant: ValidationVariant) => median((runs.get(variant) ?? []).map((r) => r.callsPerSecond));
  const cpu = (variant: ValidationVariant) => round(median((runs.get(variant) ?? []).map((r) => r.cpuMicrosPerCall)), 2);
  log(`  CPU per call: service pipe ${cpu('service')} µs, stock ValidationPipe ${cpu('stock')} µs, hand-written check ${cpu('hand-written')} µs`);
  const details = { cpuMicrosPerCall: Object.fromEntries(VARIANTS.map((variant) => [variant, cpu(variant)])), runs: Object.fromEntries(runs) };
  const info = (row: Row): Row => ({ ...row, goal: 'for information', pass: null });
  return [
    info(ratioRow('validation pipe, ReportProgress body (service pipe vs hand-written check)', 'calls/s', rate('service'), rate('hand-written'), 0, details)),
    info(ratioRow('  service pipe vs stock ValidationPipe (same options, no metadata cache)', 'calls/s', rate('service'), rate('stock'), 0, {})),
  ];
}
