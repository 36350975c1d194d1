/**
 * The command path in process: CommandBus → handler → read stream → fold → decide → append, on the
 * seeded indicators, one command after another, with the projections following live as in the
 * service. First a report for every (indicator, numeric target, period) until `count`, then
 * corrections. Milestone targets are left out: they take a state and a narrative, not a figure, and
 * the figures sent (1–100) suit every numeric measure (share, growth, count, amount, rank).
 * As in the service, the write path's stream cache (src/command-handling/stream-cache.ts) holds
 * every seeded stream after its first command, so later commands read only the stream's tail.
 * With `warmup`, the same commands run first on a scratch copy, so what is measured is a warm
 * process, as a service that has been running is.
 */
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig } from '../../../src/config/config';
import { createApp } from '../../../src/create-app';
import type { CommandEnvelope } from '../../../src/command-handling/command-envelope';
import { CorrectReportCommand } from '../../../src/indicators/write/correct-report/correct-report.command';
import { ReportProgressCommand } from '../../../src/indicators/write/report-progress/report-progress.command';
import { completeSeed } from '../../../src/seeding/seed-if-empty';
import { loadSeedFile } from '../../../src/seeding/seed-loader';
import { isMilestone } from '../../../src/domain/indicator/target';
import { ManualClock } from '../../../src/shared/clock';
import { BENCH_ACTOR, PERIODS } from '../dataset/synthetic-indicators';
import { secondsSince } from '../support/stats';

export interface CommandPathArgs {
  dir: string;
  count: number;
  /**
   * Commands run first, untimed, by a service of their own on a scratch copy (`<dir>-warmup`), so
   * the measured run finds the request path compiled by V8 as a running service would, with the
   * same mix of reports and corrections. The warm-up's own rate is returned as `cold`.
   */
  warmup?: number;
}

export interface CommandPathResult {
  perSecond: number;
  seconds: number;
  reports: number;
  corrections: number;
  /** The warm-up pass: what a freshly started process manages. */
  cold?: { perSecond: number; count: number };
}

export async function commandPath(args: CommandPathArgs): Promise<CommandPathResult> {
  if (args.warmup) {
    const cold = await commandPath({ dir: `${args.dir}-warmup`, count: args.warmup });
    return { ...(await commandPath({ dir: args.dir, count: args.count })), cold: { perSecond: cold.perSecond, count: args.warmup } };
  }
  const config = { ...loadConfig({ DATA_DIR: args.dir, RATE_LIMIT: '0', LOG_LEVEL: 'silent' }), seedOnStart: true };
  const app = await createApp({ config, clock: new ManualClock(new Date('2021-12-20T03:00:00.000Z')), logger: false });
  await completeSeed(app, config);
  const bus = app.get(CommandBus);
  const seed = loadSeedFile(config.seedFile);
  const slots = PERIODS.flatMap((period) =>
    seed.indicators.flatMap((indicator) => indicator.targets.filter((target) => !isMilestone(target)).map((target) => ({ indicatorId: indicator.id, metric: target.metric, period }))),
  );
  const envelope = (): CommandEnvelope => {
    const commandId = randomUUID();
    return { commandId, correlationId: commandId, causationId: commandId, actor: BENCH_ACTOR };
  };

  const reported: Array<{ indicatorId: string; reportId: string; value: number }> = [];
  let corrections = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < args.count; i++) {
    if (i < slots.length) {
      const { indicatorId, metric, period } = slots[i];
      const value = 1 + (i % 100);
      const result = await bus.execute(new ReportProgressCommand(indicatorId, { metric, period, value }, envelope()));
      reported.push({ indicatorId, reportId: result.reportId, value });
    } else {
      const report = reported[i % reported.length];
      report.value = (report.value % 100) + 1;
      await bus.execute(new CorrectReportCommand(report.indicatorId, report.reportId, { value: report.value, reason: 'Số liệu chính thức' }, envelope()));
      corrections++;
    }
  }
  const seconds = secondsSince(start);
  await app.close();
  return { perSecond: args.count / seconds, seconds, reports: args.count - corrections, corrections };
}
