/**
 * The service itself, on the embedded stores in a given data directory, listening on 127.0.0.1.
 * Built like `npm start` builds it (createApp), with the rate limit and request logs off: a load
 * generator on one address would otherwise measure the limiter, and log I/O the terminal.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config/config';
import { createApp } from '../../../src/create-app';
import { announceServer } from '../support/processes';

async function main(): Promise<void> {
  const { dir } = JSON.parse(process.argv[2]) as { dir: string };
  const started = process.hrtime.bigint();
  // Always the embedded stores and the demo keys, whatever the caller's environment points at.
  const env = { ...process.env, DATA_DIR: dir, RATE_LIMIT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'development', EVENTSTORE_CONNECTION_STRING: '', MONGODB_URI: '' };
  const config = { ...loadConfig(env), seedOnStart: false };
  const app = await createApp({ config, logger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.send?.({ kind: 'startup', startupMs, rssMb: process.memoryUsage().rss / 2 ** 20 });
  announceServer(port, () => app.close());
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'error', message: error instanceof Error ? error.stack : String(error) });
  process.exitCode = 1;
});
