/**
 * `npm run demo [-- --only=<id>,<id>…]`: builds a demo year of the resolution into its own data
 * directory (DATA_DIR, by default ./data-demo) through the real commands, every event marked as demo
 * data. A rerun on the store it built appends nothing; any other non-empty store is refused.
 * `--only` builds the reports of the named indicators and tasks alone (the seed is always whole).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { lockDataDir } from '../infrastructure/stores';
import { reportCliFailure } from './cli-failure';
import { loadDemoCast } from '../demo/demo-actors';
import { buildDemoYear, DEMO_SEEDED_AT, DemoStoreError } from '../demo/demo-builder';
import { planDemoYear } from '../demo/demo-plan';
import { loadSeedFile } from '../seeding/seed-loader';
import { ManualClock } from '../shared/clock';

export const DEMO_DATA_DIR = './data-demo';

async function run(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? DEMO_DATA_DIR;
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
  if (config.productionMode) {
    throw new DemoStoreError('The demo year is built only on the embedded stores, outside production mode: unset EVENTSTORE_CONNECTION_STRING, MONGODB_URI and NODE_ENV=production');
  }
  const only = process.argv.slice(2).find((arg) => arg.startsWith('--only='));
  const indicatorIds = only ? only.slice('--only='.length).split(',').filter(Boolean) : undefined;
  const seed = loadSeedFile(config.seedFile);
  const unknown = (indicatorIds ?? []).filter((id) => !seed.indicators.some((indicator) => indicator.id === id));
  if (unknown.length > 0) throw new DemoStoreError(`--only names what the seed does not hold: ${unknown.join(', ')}`);
  const steps = planDemoYear(seed, loadDemoCast(config.demoPrincipalsFile), indicatorIds ? { indicatorIds } : {});

  const clock = new ManualClock(new Date(DEMO_SEEDED_AT));
  // Taken before Nest builds anything, so a directory in use is refused in one line, not an injector's stack.
  const dataDirLock = lockDataDir(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config: { ...config, logLevel: 'warn' }, clock, dataDirLock }), { logger: ['error', 'warn'] });
  try {
    const summary = await buildDemoYear(app, clock, seed, steps);
    console.log(`Demo year built in ${config.dataDir}: ${summary.applied} commands applied, ${summary.alreadyPresent} already present (${summary.steps} demo steps after the seed).`);
    if (!summary.readModelsCaughtUp) console.log('The read models have not caught up with it yet: the service finishes them when it starts.');
  } finally {
    await app.close();
  }
  console.log(`\nServe it with:\n\n  DATA_DIR=${dataDir} npm start\n\n(or npm run start:demo). Every event is marked as demo data; GET /resolutions says demoData: true.`);
}

run().catch((error: unknown) => {
  // A refusal (the demo's own, or our typed errors such as a data directory in use) is one line.
  if (error instanceof DemoStoreError) console.error(error.message);
  else reportCliFailure(error);
  process.exit(1);
});
