/**
 * Service entry point: embedded stores by default, the resolution seeded into an empty store (or a
 * seed that did not finish completed) before it listens, the console's and the API docs' URLs
 * printed once it listens.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from './config/config';
import { createApp } from './create-app';
import { createEventStore, createReadModelStore, lockDataDir } from './infrastructure/stores';
import { startFailure } from './infrastructure/start-failure';
import { listenAddress, localBaseUrl } from './http/listen-host';
import { DOCS_PATH } from './http/openapi';
import { CONSOLE_PATH } from './http/security-headers';
import { completeSeed } from './seeding/seed-if-empty';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything opens a file there: a second process on the directory stops here, in one line.
  const dataDirLock = lockDataDir(config);
  // Opened here rather than by Nest's injector, so that a damaged file stops the start with our one
  // line (start-failure.ts) and not with the injector's stack trace.
  const eventStore = createEventStore(config);
  const readModelStore = createReadModelStore(config);
  const app = await createApp({ config, dataDirLock, eventStore, readModelStore });
  app.enableShutdownHooks();
  if (config.seedOnStart) await completeSeed(app, config);
  const address = listenAddress(config);
  await app.listen(config.port, address);
  const base = localBaseUrl(config.host, config.port);
  const logger = new Logger('Main');
  logger.log(`resolution-ledger is listening on ${address} port ${config.port}: ${base} (data in ${config.dataDir})`);
  logger.log(`API docs: ${base}/${DOCS_PATH}`);
  console.log(`\n  Console:  ${base}/${CONSOLE_PATH}/\n  API docs: ${base}/${DOCS_PATH}\n`);
}

main().catch((error: unknown) => {
  // One line an operator can act on, and an exit code that says which kind of failure (start-failure.ts).
  const { exitCode, line } = startFailure(error);
  console.error(line);
  process.exit(exitCode);
});
