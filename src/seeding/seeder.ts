/**
 * Loads the resolution through the same commands as any client, so seeding is event-sourced and
 * idempotent: every seed command has a fixed id, and a second run finds each one already applied
 * and appends nothing.
 */
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-handling/command-envelope';
import type { CommandOutcome } from '../command-handling/stream-command-executor';
import { RegisterIndicatorCommand } from '../indicators/write/register-indicator/register-indicator.command';
import { RegisterResolutionCommand } from '../resolutions/register-resolution.command';
import { uuidFromName } from '../shared/deterministic-id';
import type { Actor } from '../shared/messages';
import { RegisterUnitCommand } from '../units/write/unit-commands';
import type { SeedFile, SeedIndicator } from './seed-file';

/** The seed acts as the standing committee's secretariat: it registers, it never reports. */
export const SEED_ACTOR: Actor = { id: 'system-seed', unitId: 'van-phong-thanh-uy', roles: ['standing_committee', 'coordinator'] };

export interface SeedOptions {
  /**
   * Marks every seed event as demo data (`metadata.demo`): the demo builder seeds its store this way, so
   * the resolution itself says the store is a demo. The command ids stay those of the plain seed.
   */
  demo?: true;
}

export interface SeedSummary {
  appended: number;
  alreadyPresent: number;
  position: number;
}

@Injectable()
export class Seeder {
  private readonly logger = new Logger('Seeder');

  constructor(private readonly commandBus: CommandBus) {}

  async seed(seed: SeedFile, options: SeedOptions = {}): Promise<SeedSummary> {
    const envelope = (name: string) => seedEnvelope(name, options);
    const summary: SeedSummary = { appended: 0, alreadyPresent: 0, position: 0 };
    const record = (outcome: CommandOutcome) => {
      if (outcome.replayed) summary.alreadyPresent++;
      else summary.appended++;
      summary.position = Math.max(summary.position, outcome.position);
    };

    const { resolution } = seed;
    record(
      await this.commandBus.execute(
        new RegisterResolutionCommand(
          {
            resolutionId: resolution.id,
            title: resolution.title,
            issuingBody: resolution.issuingBody,
            year: resolution.year,
            parentResolution: resolution.parentResolution,
            theme: resolution.theme,
            ...(resolution.signedBy ? { signedBy: resolution.signedBy } : {}),
          },
          envelope(`resolution:${resolution.id}`),
        ),
      ),
    );
    for (const unit of seed.units) {
      const data = { unitId: unit.id, name: unit.name, namedInResolution: unit.namedInResolution, ...(unit.shortName ? { shortName: unit.shortName } : {}) };
      record(await this.commandBus.execute(new RegisterUnitCommand(data, envelope(`unit:${unit.id}`))));
    }
    // Each registration is a stream of its own, so they are sent together: the event store then
    // commits them in groups (group-commit.ts), one fsync for many, where one after another paid
    // one each — seeding two hundred tasks took a second at every first start.
    const registrations = seed.indicators.map((indicator) =>
      this.commandBus.execute(new RegisterIndicatorCommand(toRegistration(indicator, resolution.id), envelope(`indicator:${indicator.id}`))),
    );
    (await Promise.all(registrations)).forEach(record);
    this.logger.log(`Seed: ${summary.appended} commands applied, ${summary.alreadyPresent} already present`);
    return summary;
  }
}

function seedEnvelope(name: string, options: SeedOptions): CommandEnvelope {
  const commandId = uuidFromName(`seed:${name}`);
  return { commandId, correlationId: uuidFromName('seed'), causationId: commandId, actor: SEED_ACTOR, ...(options.demo ? { demo: true } : {}) };
}

function toRegistration(indicator: SeedIndicator, resolutionId: string) {
  return {
    id: indicator.id,
    resolutionId,
    kind: indicator.kind,
    ...(indicator.number === undefined ? {} : { number: indicator.number }),
    group: indicator.group,
    section: indicator.section,
    name: indicator.name,
    responsibleUnitId: indicator.responsibleUnitId,
    responsibilityAssumed: indicator.responsibilityAssumed,
    ...(indicator.supportsIndicators === undefined ? {} : { supportsIndicators: indicator.supportsIndicators }),
    targets: indicator.targets,
  };
}
