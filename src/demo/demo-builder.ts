/**
 * Builds the demo year into a store: the resolution seeded as demo data, then every step of the
 * plan sent through the command bus — the same handlers, deciders and hash chain as any request —
 * with the clock set to the step's moment, and the demo mark on every command's envelope. A step
 * the ledger refuses stops the build, naming it: the demo holds nothing the rules would not accept.
 *
 * Where it may write: an empty store, or one the demo built (its resolution's registration carries
 * the demo mark). There a rerun sends the same commands under the same ids; the ledger recognises
 * each as already applied and appends nothing — or only what an interrupted build had not written yet.
 * Any other store is refused: demo figures must never mix with a ledger's real reports.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-handling/command-envelope';
import { resolutionStreamId } from '../domain/resolution/events';
import type { EventStore } from '../event-store/event-store.port';
import { CorrectReportCommand } from '../indicators/write/correct-report/correct-report.command';
import { ReassignResponsibilityCommand } from '../indicators/write/reassign-responsibility/reassign-responsibility.command';
import { ReportProgressCommand } from '../indicators/write/report-progress/report-progress.command';
import { ReviseTargetCommand } from '../indicators/write/revise-target/revise-target.command';
import { ProjectionService } from '../infrastructure/projection.service';
import { EVENT_STORE } from '../infrastructure/tokens';
import { AnswerQueryCommand } from '../inspection/write/answer-query';
import { CloseQueryCommand } from '../inspection/write/close-query';
import { RaiseQueryCommand } from '../inspection/write/raise-query';
import type { SeedFile } from '../seeding/seed-file';
import { Seeder } from '../seeding/seeder';
import type { ManualClock } from '../shared/clock';
import { uuidFromName } from '../shared/deterministic-id';
import type { CommandOutcome } from '../command-handling/stream-command-executor';
import type { DemoStep } from './demo-plan';

/** The seed is registered at the start of the demo year, before the units' first reports. */
export const DEMO_SEEDED_AT = '2021-01-04T01:30:00.000Z';

const PROJECTIONS_CATCH_UP_MS = 120_000;

export class DemoStoreError extends Error {}

export interface DemoSummary {
  /** Commands that appended events. */
  applied: number;
  /** Commands the store already held (a rerun). */
  alreadyPresent: number;
  /** The global position of the demo's last event. */
  position: number;
  steps: number;
  /** False when the read models had not reached `position` in time: the service catches them up when it starts. */
  readModelsCaughtUp: boolean;
}

export async function buildDemoYear(app: INestApplicationContext, clock: ManualClock, seed: SeedFile, steps: readonly DemoStep[]): Promise<DemoSummary> {
  const eventStore = app.get<EventStore>(EVENT_STORE);
  await assertEmptyOrDemo(eventStore, seed.resolution.id);
  const summary: DemoSummary = { applied: 0, alreadyPresent: 0, position: 0, steps: steps.length, readModelsCaughtUp: false };
  const record = (outcome: CommandOutcome) => {
    if (outcome.replayed) summary.alreadyPresent++;
    else summary.applied++;
    summary.position = Math.max(summary.position, outcome.position);
  };

  clock.set(DEMO_SEEDED_AT);
  const seeded = await app.get(Seeder).seed(seed, { demo: true });
  summary.applied += seeded.appended;
  summary.alreadyPresent += seeded.alreadyPresent;
  summary.position = seeded.position;

  const bus = app.get(CommandBus);
  const outcomes = new Map<string, { reportId?: string; queryId?: string }>();
  for (const step of steps) {
    clock.set(step.at);
    try {
      const outcome = await send(bus, step, envelope(step), outcomes);
      record(outcome);
      outcomes.set(step.key, outcome);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new DemoStoreError(`The ledger refused the demo step ${step.key} (${step.kind} at ${step.at} by ${step.actor.id}): ${reason}`);
    }
  }
  summary.readModelsCaughtUp = await app.get(ProjectionService).waitForPosition(summary.position, PROJECTIONS_CATCH_UP_MS);
  return summary;
}

async function assertEmptyOrDemo(eventStore: EventStore, resolutionId: string): Promise<void> {
  if ((await eventStore.headPosition()) === 0) return;
  const [registration] = await eventStore.readStream(resolutionStreamId(resolutionId));
  if (registration?.metadata.demo === true) return;
  throw new DemoStoreError(
    'This data directory holds a ledger that is not a demo store: the demo year is built only into an empty one (DATA_DIR, by default ./data-demo) or one it built before',
  );
}

function envelope(step: DemoStep): CommandEnvelope {
  const commandId = uuidFromName(`demo:${step.key}`);
  return { commandId, correlationId: uuidFromName('demo'), causationId: commandId, actor: step.actor, demo: true };
}

/** The body a report would carry. The DTO types `value` as always present; a milestone's report leaves it out, as over HTTP. */
function reportInput(step: Extract<DemoStep, { kind: 'report' }>): ConstructorParameters<typeof ReportProgressCommand>[1] {
  return { metric: step.metric, period: step.period, ...step.reading, ...(step.note ? { note: step.note } : {}) } as ConstructorParameters<typeof ReportProgressCommand>[1];
}

type Outcome = CommandOutcome & { reportId?: string; queryId?: string };

function send(bus: CommandBus, step: DemoStep, envelope: CommandEnvelope, outcomes: ReadonlyMap<string, { reportId?: string; queryId?: string }>): Promise<Outcome> {
  const earlier = (key: string, field: 'reportId' | 'queryId'): string => {
    const id = outcomes.get(key)?.[field];
    if (!id) throw new DemoStoreError(`Step ${step.key} needs ${key}, which the plan did not send before it`);
    return id;
  };
  switch (step.kind) {
    case 'report':
      return bus.execute(new ReportProgressCommand(step.indicatorId, reportInput(step), envelope));
    case 'correct':
      return bus.execute(new CorrectReportCommand(step.indicatorId, earlier(step.reportKey, 'reportId'), { ...step.reading, reason: step.reason }, envelope));
    case 'reassign':
      return bus.execute(new ReassignResponsibilityCommand(step.indicatorId, { toUnitId: step.toUnitId, reason: step.reason, decisionRef: step.decisionRef }, envelope));
    case 'revise':
      return bus.execute(
        new ReviseTargetCommand(step.indicatorId, { metric: step.metric, ...step.change, reason: step.reason, decisionRef: step.decisionRef }, envelope),
      );
    case 'raise':
      return bus.execute(new RaiseQueryCommand(step.indicatorId, earlier(step.reportKey, 'reportId'), step.question, envelope));
    case 'answer':
      return bus.execute(
        new AnswerQueryCommand(step.indicatorId, earlier(step.queryKey, 'queryId'), { answer: step.answer, ...(step.correction ? { correction: step.correction } : {}) }, envelope),
      );
    case 'close':
      return bus.execute(new CloseQueryCommand(step.indicatorId, earlier(step.queryKey, 'queryId'), step.conclusion, envelope));
    default: {
      const unknown: never = step;
      throw new Error(`Unknown demo step ${JSON.stringify(unknown)}`);
    }
  }
}
