/**
 * Child process of the kill-during-append test: appends big multi-event commands to a few streams
 * through the real SQLite adapter, forever, printing "appended <n>" after each one returns. One
 * writer per stream, all at once, so appends are also committed in groups (group-commit.ts) and a
 * kill can land inside a group's transaction.
 * Usage: node -r ./test/support/ts-require.js test/support/append-until-killed.ts <db file>
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { CURRENT_SCHEMA_VERSION, type NewEvent } from '../../src/shared/messages';

const EVENTS_PER_COMMAND = 150;
const PAYLOAD = 'x'.repeat(2000);
const STREAMS = 4;

async function main(): Promise<void> {
  const store = new SqliteEventStore({ filename: process.argv[2] });
  await Promise.all(Array.from({ length: STREAMS }, (_, stream) => appendForever(store, `crash-${stream}`)));
}

async function appendForever(store: SqliteEventStore, streamId: string): Promise<never> {
  for (;;) {
    const commandId = randomUUID();
    const current = await store.readStream(streamId);
    const events: NewEvent[] = Array.from({ length: EVENTS_PER_COMMAND }, (_, index) => ({
      type: 'CrashTested',
      data: { index, of: EVENTS_PER_COMMAND, payload: PAYLOAD },
      metadata: {
        eventId: randomUUID(),
        commandId,
        commandHash: 'crash-test',
        correlationId: commandId,
        causationId: commandId,
        actor: { id: 'crash-test', unitId: null, roles: ['coordinator'] },
        recordedAt: new Date().toISOString(),
        schemaVersion: CURRENT_SCHEMA_VERSION,
        prevHash: '0'.repeat(64),
        hash: '0'.repeat(64),
      },
    }));
    await store.appendToStream(streamId, events, current.length === 0 ? 'no_stream' : current[current.length - 1].revision);
    process.stdout.write(`appended ${commandId}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
