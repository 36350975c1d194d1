/**
 * At start: seed the resolution into an empty store, or complete a seed that did not finish (a
 * first start killed midway, or stopped by a full disk), then wait until the read models show it.
 * The service listens only afterwards (main.ts), so it never answers, /health included, with part
 * of the resolution missing.
 *
 * A seed has begun when its resolution's stream exists (the seed registers it first); it is
 * complete when every stream it creates exists. Completing it re-sends the seed's commands: each
 * has a fixed id, so those already applied append nothing. A ledger holding something other than
 * this seed's resolution is left alone.
 */
import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { indicatorStreamId } from '../domain/indicator/events';
import { resolutionStreamId } from '../domain/resolution/events';
import { unitStreamId } from '../domain/unit/events';
import type { EventStore } from '../event-store/event-store.port';
import { ProjectionService } from '../infrastructure/projection.service';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { SeedFile } from './seed-file';
import { loadSeedFile } from './seed-loader';
import { Seeder, type SeedOptions, type SeedSummary } from './seeder';

const SEED_VISIBLE_TIMEOUT_MS = 30_000;

export async function completeSeed(app: INestApplicationContext, config: AppConfig): Promise<SeedSummary | null> {
  const eventStore = app.get<EventStore>(EVENT_STORE);
  const seed = loadSeedFile(config.seedFile);
  if ((await eventStore.headPosition()) > 0) {
    const missing = await missingStreams(eventStore, seed);
    // Not begun (another ledger), or complete: nothing to do.
    if (missing.includes(resolutionStreamId(seed.resolution.id)) || missing.length === 0) return null;
    new Logger('Seeder').warn(`The seed did not finish: ${missing.length} of ${seedStreams(seed).length} entries are missing; completing it`);
  }
  return seedAndWait(app, seed);
}

export async function seedAndWait(app: INestApplicationContext, seed: SeedFile, options: SeedOptions = {}): Promise<SeedSummary> {
  const summary = await app.get(Seeder).seed(seed, options);
  await app.get(ProjectionService).waitForPosition(summary.position, SEED_VISIBLE_TIMEOUT_MS);
  return summary;
}

/** Every stream the seed creates, the resolution's first. */
function seedStreams(seed: SeedFile): string[] {
  return [resolutionStreamId(seed.resolution.id), ...seed.units.map((unit) => unitStreamId(unit.id)), ...seed.indicators.map((indicator) => indicatorStreamId(indicator.id))];
}

/** The seed's streams not in the store. A stream's first event is enough to tell: each is created by one command. */
async function missingStreams(eventStore: EventStore, seed: SeedFile): Promise<string[]> {
  const streams = seedStreams(seed);
  const present = await Promise.all(streams.map(async (stream) => (await eventStore.readStream(stream, { fromRevision: 0 })).length > 0));
  return streams.filter((_, index) => !present[index]);
}
