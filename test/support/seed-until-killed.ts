/**
 * Child process of the interrupted-seed test: a first start on an empty data directory, seeding the
 * resolution as `npm start` does, with each append acknowledged slowly enough that the test's kill
 * lands midway. Prints "appended <stream>" after each append returns.
 * Usage: node -r ./test/support/ts-require.js test/support/seed-until-killed.ts <data dir>
 */
import 'reflect-metadata';
import { loadConfig } from '../../src/config/config';
import { createApp } from '../../src/create-app';
import type { AppendResult, ExpectedRevision } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { completeSeed } from '../../src/seeding/seed-if-empty';
import type { NewEvent } from '../../src/shared/messages';
import { InstrumentedEventStore } from './instrumented-event-store';

const PAUSE_AFTER_APPEND_MS = 20;

class PacedEventStore extends InstrumentedEventStore {
  override async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await super.appendToStream(streamId, events, expected);
    process.stdout.write(`appended ${streamId}\n`);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_APPEND_MS));
    return result;
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ DATA_DIR: process.argv[2], LOG_LEVEL: 'silent' });
  if (config.eventStore.kind !== 'sqlite') throw new Error('the embedded event store is expected');
  const eventStore = new PacedEventStore(new SqliteEventStore({ filename: config.eventStore.filename }));
  const app = await createApp({ config, eventStore, logger: false });
  await completeSeed(app, config);
  process.stdout.write('seeded\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
