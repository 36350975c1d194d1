/**
 * Service entry point: embedded stores by default, the resolution seeded into an empty store (or a
 * seed that did not finish completed) before it listens,
 * the API docs URL printed once it listens.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './create-app';
import { lockDataDir } from './infrastructure/stores';
import { LedgerError } from './shared/errors';
import { listenAddress, localBaseUrl } from './http/listen-host';
import { DOCS_PATH } from './http/openapi';
import { completeSeed } from './seeding/seed-if-empty';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything opens a file there: a second process on the directory stops here, in one line.
  const dataDirLock = lockDataDir(config);
  const app = await createApp({ config, dataDirLock });
  app.enableShutdownHooks();
  if (config.seedOnStart) await completeSeed(app, config);
  const address = listenAddress(config);
  await app.listen(config.port, address);
  const base = localBaseUrl(config.host, config.port);
  const logger = new Logger('Main');
  logger.log(`resolution-ledger is listening on ${address} port ${config.port}: ${base} (data in ${config.dataDir})`);
  logger.log(`API docs: ${base}/${DOCS_PATH}`);
  console.log(`\n  API docs: ${base}/${DOCS_PATH}\n`);
}

main().catch((error: unknown) => {
  // A refusal we describe (configuration, a data directory in use) is one line; anything else keeps its stack.
  const expected = error instanceof ConfigError || error instanceof LedgerError;
  console.error(expected ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
