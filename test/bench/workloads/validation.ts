/**
 * The request validation of the command route alone, in process: the service's ValidationPipe on
 * the body the HTTP command bench sends (`POST /indicators/{id}/progress-reports`), with every DTO
 * of the service loaded (AppModule imports them all), since class-validator's metadata lookups grow
 * with the number of decorated classes. CPU time per call, measured with process.cpuUsage().
 *
 * Variants, each in its own child process so one's JIT state or caches do not help another:
 * - `service`: the pipe as the service installs it (src/http/validation.ts);
 * - `stock`: Nest's ValidationPipe with the same options, without the service's metadata cache;
 * - `hand-written`: the same rules checked by hand, the floor any generic validator is measured against.
 */
import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import '../../../src/app.module';
import { ReportProgressDto } from '../../../src/indicators/write/report-progress/report-progress.dto';
import { PERIOD_PATTERN } from '../../../src/domain/indicator/period';
import { METRIC_PATTERN } from '../../../src/indicators/write/common-fields';
import { createValidationPipe, validationPipeOptions } from '../../../src/http/validation';
import { installValidationMetadataCache } from '../../../src/http/validation-metadata-cache';

export type ValidationVariant = 'service' | 'stock' | 'hand-written';

export interface ValidationArgs {
  variant: ValidationVariant;
  count: number;
}

export interface ValidationResult {
  cpuMicrosPerCall: number;
  callsPerSecond: number;
}

const BODY_METADATA: ArgumentMetadata = { type: 'body', metatype: ReportProgressDto, data: undefined };

/** A fresh body per call, as the JSON parser gives each request its own object. */
function body(n: number): Record<string, unknown> {
  return { metric: 'households', period: '2021-Q2', value: 1 + (n % 100), note: 'Số liệu báo cáo định kỳ' };
}

type Check = (value: Record<string, unknown>) => Promise<unknown>;

function checkFor(variant: ValidationVariant): Check {
  if (variant === 'hand-written') return async (value) => handWritten(value);
  if (variant === 'service') installValidationMetadataCache(); // as src/create-app.ts does
  const pipe = variant === 'service' ? createValidationPipe() : new ValidationPipe(validationPipeOptions());
  return (value) => pipe.transform(value, BODY_METADATA);
}

const ALLOWED = new Set(['metric', 'period', 'value', 'note', 'evidence', 'expectedRevision']);

/** The body's rules for this body's fields (no evidence is sent), written out: what a generic validator costs beyond them. */
function handWritten(value: Record<string, unknown>): ReportProgressDto {
  for (const key of Object.keys(value)) if (!ALLOWED.has(key)) throw new Error(`property ${key} should not exist`);
  const { metric, period, value: figure, note } = value;
  if (typeof metric !== 'string' || !METRIC_PATTERN.test(metric)) throw new Error('metric');
  if (typeof period !== 'string' || !PERIOD_PATTERN.test(period)) throw new Error('period');
  if (typeof figure !== 'number' || !Number.isFinite(figure)) throw new Error('value');
  if (note !== undefined && (typeof note !== 'string' || note.length > 2000)) throw new Error('note');
  return Object.assign(new ReportProgressDto(), value);
}

export async function validationRun(args: ValidationArgs): Promise<ValidationResult> {
  const check = checkFor(args.variant);
  // Warm-up: the JIT compiles the hot functions before the measured calls.
  for (let n = 0; n < Math.min(args.count, 5000); n++) await check(body(n));
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let n = 0; n < args.count; n++) await check(body(n));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMicrosPerCall: (cpu.user + cpu.system) / args.count, callsPerSecond: args.count / seconds };
}
