/**
 * `npm run projections:rebuild [-- <read model> …]`: builds new generations of the named read
 * models (every one when none is named) from the whole ledger, beside the generations serving now,
 * and swaps them in once they have caught up. Queries keep answering from the old generations
 * meanwhile.
 *
 * It holds the projection lease while it works, like the app instance that runs the projections:
 * on MongoDB it refuses to start while an instance holds the lease (a live runner writing beside a
 * rebuild would race it), and instances started meanwhile stand by until it releases the lease.
 * On the embedded stores it takes the data directory, so the service must be stopped first.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ALL_PROJECTIONS } from '../../projections';
import { loadConfig } from '../config/config';
import { createEventStore, createProjectionLease, createReadModelStore, lockDataDir } from '../infrastructure/stores';
import { ProjectionDaemon } from '../projection-runner/projection-daemon';
import { ProjectionLeadership } from '../projection-runner/projection-leadership';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import { reportCliFailure } from './cli-failure';

async function run(): Promise<void> {
  const names = process.argv.slice(2);
  const config = loadConfig();
  const lock = lockDataDir(config);
  const eventStore = createEventStore(config);
  const store = createReadModelStore(config);
  const logger = { log: (message: string) => console.log(message), error: (message: string, error?: unknown) => console.error(message, error instanceof Error ? error.message : (error ?? '')) };
  const daemon = new ProjectionDaemon(eventStore, store, ALL_PROJECTIONS, new ReadModelAvailability(), { logger, retiredGraceMs: 0 });
  const leadership = new ProjectionLeadership(createProjectionLease(store), daemon, store, {
    holderId: `${hostname()}/${process.pid}/rebuild-${randomUUID().slice(0, 8)}`,
    ttlMs: config.projectionLeaseTtlMs,
    logger,
  });
  try {
    const report = await leadership.exclusively((worker) => worker.rebuild(names));
    console.log(`Rebuilt ${report.readModels.join(', ')} up to position ${report.position} in ${report.seconds.toFixed(2)} s; the new generations now serve.`);
  } finally {
    await store.close();
    await eventStore.close();
    lock?.release();
  }
}

run().catch(reportCliFailure);
