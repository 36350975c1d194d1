/** First start of an empty store: seed the resolution, then wait until the read models show it. */
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import type { EventStore } from '../event-store/event-store.port';
import { ProjectionService } from '../infrastructure/projection.service';
import { EVENT_STORE } from '../infrastructure/tokens';
import { loadSeedFile } from './seed-loader';
import { Seeder, type SeedOptions, type SeedSummary } from './seeder';

const SEED_VISIBLE_TIMEOUT_MS = 30_000;

export async function seedIfEmpty(app: INestApplicationContext, config: AppConfig): Promise<SeedSummary | null> {
  const eventStore = app.get<EventStore>(EVENT_STORE);
  if ((await eventStore.headPosition()) > 0) return null;
  return seedAndWait(app, config.seedFile);
}

export async function seedAndWait(app: INestApplicationContext, seedFile: string, options: SeedOptions = {}): Promise<SeedSummary> {
  const summary = await app.get(Seeder).seed(loadSeedFile(seedFile), options);
  await app.get(ProjectionService).waitForPosition(summary.position, SEED_VISIBLE_TIMEOUT_MS);
  return summary;
}
