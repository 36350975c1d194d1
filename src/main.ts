/**
 * Service entry point: embedded stores by default, the resolution seeded into an empty store,
 * the API docs URL printed once it listens.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from './config/config';
import { createApp } from './create-app';
import { everyInterface } from './http/listen-host';
import { DOCS_PATH } from './http/openapi';
import { seedIfEmpty } from './seeding/seed-if-empty';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({ config });
  app.enableShutdownHooks();
  if (config.seedOnStart) await seedIfEmpty(app, config);
  await app.listen(config.port, everyInterface());
  const base = `http://localhost:${config.port}`;
  const logger = new Logger('Main');
  logger.log(`resolution-ledger is listening on ${base} (data in ${config.dataDir})`);
  logger.log(`API docs: ${base}/${DOCS_PATH}`);
  console.log(`\n  API docs: ${base}/${DOCS_PATH}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
