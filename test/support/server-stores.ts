/**
 * The server stores the suites in test/contract run against, read from the same variables as the
 * app (through config.ts), and how a suite that needs one is declared: run when its server is
 * configured; otherwise every one of its tests is reported skipped, after one line saying why —
 * or, with REQUIRE_SERVERS=1 (`npm run test:servers`), every one of them fails.
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

export const serversRequired = process.env.REQUIRE_SERVERS === '1';

interface Server<T> {
  variable: string;
  example: string;
  /** The configured target, or null. */
  target: T | null;
  /** Stands in for the target while the tests are only declared, to be counted as skipped or failed: never connected to. */
  placeholder: T;
}

export const EVENTSTOREDB: Server<string> = {
  variable: 'EVENTSTORE_CONNECTION_STRING',
  example: 'esdb://localhost:2113?tls=false',
  target: eventStoreDbConnection,
  placeholder: 'esdb://eventstoredb-not-configured:2113?tls=false',
};

export const MONGODB: Server<{ uri: string; database: string }> = {
  variable: 'MONGODB_URI',
  example: 'mongodb://localhost:27017/?directConnection=true',
  target: mongoTestTarget,
  placeholder: { uri: 'mongodb://mongodb-not-configured:27017/?replicaSet=rs0', database: 'ledger_test' },
};

/**
 * A suite that needs `server`. Its tests are declared in every case, so that Jest counts each of
 * them: run against the server, skipped without one, or failed without one under REQUIRE_SERVERS=1.
 */
export function describeWithServer<T>(title: string, server: Server<T>, declare: (target: T) => void): void {
  if (server.target !== null) {
    describe(title, () => declare(server.target as T));
    return;
  }
  if (serversRequired) {
    describe(title, () => {
      beforeAll(() => {
        throw new Error(`REQUIRE_SERVERS=1 but ${server.variable} is not set (e.g. ${server.example}; see docs/testing.md)`);
      });
      declare(server.placeholder);
    });
    return;
  }
  process.stdout.write(`skipped: no server (set ${server.variable}, e.g. ${server.example}, to run ${title}; see docs/testing.md)\n`);
  describe.skip(title, () => declare(server.placeholder));
}
