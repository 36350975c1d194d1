/** `npm run seed`: applies the seed file to the configured store. Idempotent: a second run appends nothing. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { lockDataDir } from '../infrastructure/stores';
import { seedAndWait } from '../seeding/seed-if-empty';
import { loadSeedFile } from '../seeding/seed-loader';

async function run(): Promise<void> {
  const config = loadConfig();
  // Taken before Nest builds anything, so a directory in use is refused in one line, not an injector's stack.
  const dataDirLock = lockDataDir(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, dataDirLock }), { logger: ['error', 'warn', 'log'] });
  try {
    const summary = await seedAndWait(app, loadSeedFile(config.seedFile));
    console.log(`Seeded ${config.seedFile}: ${summary.appended} commands applied, ${summary.alreadyPresent} already present.`);
  } finally {
    await app.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
