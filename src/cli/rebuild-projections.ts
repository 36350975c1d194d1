/**
 * `npm run projections:rebuild`: drops every read model and its checkpoint, then replays the
 * whole event store into them. (The embedded read store is in memory and rebuilt at every start;
 * this command matters for a persistent read store, and reports how long a rebuild takes.)
 *
 * It holds the projection lease while it works, like the app instance that runs the projections:
 * it refuses to start while an instance holds the lease (a live runner writing beside a rebuild
 * would interleave two replays of the same read models), and instances started meanwhile stand by
 * until it releases the lease, then carry on from its checkpoint.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ALL_PROJECTIONS } from '../../projections';
import { loadConfig } from '../config/config';
import { createEventStore, createProjectionLease, createReadStore } from '../infrastructure/stores';
import { ProjectionLeadership } from '../projection-runner/projection-leadership';
import { ProjectionRunner } from '../projection-runner/projection-runner';

async function run(): Promise<void> {
  const config = loadConfig();
  const eventStore = createEventStore(config);
  const readStore = createReadStore(config);
  const logger = { log: (message: string) => console.log(message), error: (message: string, error?: unknown) => console.error(message, error instanceof Error ? error.message : (error ?? '')) };
  const runner = new ProjectionRunner(eventStore, readStore, [...ALL_PROJECTIONS], { logger });
  const leadership = new ProjectionLeadership(createProjectionLease(readStore), runner, readStore, {
    holderId: `${hostname()}/${process.pid}/rebuild-${randomUUID().slice(0, 8)}`,
    ttlMs: config.projectionLeaseTtlMs,
    logger,
  });
  const started = process.hrtime.bigint();
  try {
    // Resolves once the rebuilt read models have reached the head the store had when it began.
    const position = await leadership.exclusively((exclusiveRunner) => exclusiveRunner.rebuild());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`Rebuilt ${ALL_PROJECTIONS.map((p) => p.collection).join(', ')} up to position ${position} in ${seconds.toFixed(2)} s.`);
    if (config.readStore.kind === 'memory') {
      // Said outright: the run succeeded, yet no running app reads what it built.
      console.log('The read store is the embedded in-memory one: this rebuilt a copy of its own, now discarded; a running app is not affected (it rebuilds its read models at every start). Set MONGODB_URI to rebuild shared read models.');
    }
  } finally {
    await readStore.close();
    await eventStore.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
