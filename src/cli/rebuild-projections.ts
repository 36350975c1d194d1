/**
 * `npm run projections:rebuild`: drops every read model and its checkpoint, then replays the
 * whole event store into them. (The embedded read store is in memory and rebuilt at every start;
 * this command matters for a persistent read store, and reports how long a rebuild takes.)
 */
import 'reflect-metadata';
import { ALL_PROJECTIONS } from '../../projections';
import { loadConfig } from '../config/config';
import { createEventStore, createReadStore } from '../infrastructure/stores';
import { ProjectionRunner } from '../projection-runner/projection-runner';

async function run(): Promise<void> {
  const config = loadConfig();
  const eventStore = createEventStore(config);
  const readStore = createReadStore(config);
  const runner = new ProjectionRunner(eventStore, readStore, [...ALL_PROJECTIONS], {});
  const started = process.hrtime.bigint();
  try {
    await runner.rebuild();
    const position = await runner.catchUp();
    await runner.stop();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`Rebuilt ${ALL_PROJECTIONS.map((p) => p.collection).join(', ')} up to position ${position} in ${seconds.toFixed(2)} s.`);
  } finally {
    await readStore.close();
    await eventStore.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
