/**
 * Child process of the kill-during-projection test: runs the projection daemon with the tally
 * projection over a data directory's SQLite stores, printing "started" once it works and "done"
 * when the read models (and any rebuild) have reached the head; the test kills it in between.
 * Usage: node -r ./test/support/ts-require.js test/support/project-until-killed.ts <dir> <tally version>
 */
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProjectionDaemon } from '../../src/projection-runner/projection-daemon';
import { ReadModelAvailability } from '../../src/read-models/read-model-availability';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { tallyProjection } from './tally-projection';

async function main(): Promise<void> {
  const [dir, version] = process.argv.slice(2);
  const events = new SqliteEventStore({ filename: join(dir, 'events.db') });
  const store = new SqliteReadModelStore({ filename: join(dir, 'read-models.db') });
  const daemon = new ProjectionDaemon(events, store, [tallyProjection(Number(version))], new ReadModelAvailability(), {
    logger: { log: () => undefined, error: (message) => process.stderr.write(`${message}\n`) },
    // Small commits, so a kill lands between many of them.
    batchSize: 50,
    catchUpBatchSize: 50,
  });
  process.stdout.write('started\n');
  await daemon.catchUp();
  daemon.start();
  const head = await events.headPosition();
  for (;;) {
    const generations = await store.generations();
    if (generations.length === 1 && generations[0].state === 'serving' && generations[0].position >= head) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await daemon.stop();
  process.stdout.write('done\n');
  await store.close();
  await events.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
