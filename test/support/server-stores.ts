/**
 * The server stores the suites in test/contract run against, read from the same variables as the
 * app (through config.ts), and the one line a suite prints when there is no server to run against.
 */
import { storeConfig } from '../../src/config/config';

const configured = storeConfig(process.env);

/** EVENTSTORE_CONNECTION_STRING, or null when no EventStoreDB is configured. */
export const eventStoreDbConnection: string | null = configured.eventStore.kind === 'eventstoredb' ? configured.eventStore.connectionString : null;

/**
 * MONGODB_URI with a database of its own for tests (MONGODB_DATABASE + "_test"), so a suite that
 * empties collections never touches the app's read models on the same server.
 */
export const mongoTestTarget: { uri: string; database: string } | null =
  configured.readStore.kind === 'mongodb' ? { uri: configured.readStore.uri, database: `${configured.readStore.database}_test` } : null;

/** One clear line on stdout; the suite itself is declared with describe.skip so Jest counts it as skipped. */
export function printSkipped(variable: string, example: string, what: string): void {
  process.stdout.write(`skipped: no server (set ${variable}, e.g. ${example}, to run ${what}; see docs/production.md)\n`);
}
