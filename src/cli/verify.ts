/**
 * `npm run verify [-- --digest <hex> --position <n>] [--verbose]`: recomputes every stream's hash
 * chain (and, given one, checks a digest taken earlier) straight from the configured event store.
 * Exit code 0 when everything holds, 1 on any break or mismatch, 2 when it could not run.
 */
import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { createEventStore } from '../infrastructure/stores';
import { EXIT_USAGE, parseVerifyArgs, verifyLedger, VERIFY_USAGE, VerifyUsageError } from '../integrity/verify-report';

async function run(): Promise<number> {
  let options;
  try {
    options = parseVerifyArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof VerifyUsageError)) throw error;
    console.error(`${error.message}\n${VERIFY_USAGE}`);
    return EXIT_USAGE;
  }
  const eventStore = createEventStore(loadConfig());
  try {
    return await verifyLedger(eventStore, options, (line) => console.log(line));
  } finally {
    await eventStore.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(EXIT_USAGE);
  },
);
