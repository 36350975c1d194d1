/**
 * The service on an EventStoreDB cluster with no leader (a simulated cluster: no server runs here):
 * it waits for an election at start within EVENTSTORE_STARTUP_TIMEOUT_MS, logging while it waits,
 * instead of crashing on the client's first failed discovery; it gives up with a clear error past
 * the bound; and a leader lost while it serves is a 503 EVENT_STORE_UNAVAILABLE with Retry-After
 * the client can wait out, not a 500.
 */
import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { createApp } from '../../src/create-app';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import { EventStoreNotReadyError } from '../../src/event-store/eventstoredb/eventstoredb.errors';
import { LEDGER_STREAM_PREFIXES } from '../../src/infrastructure/stores';
import { SimulatedEventStoreDbClient } from '../support/simulated-eventstoredb-client';
import { KEYS } from '../support/test-app';

jest.setTimeout(30_000);

/**
 * Log lines as the service writes them (JSON), with a hook run on each. One capture for the file:
 * nestjs-pino sends application lines to the first logger created in the process.
 */
const captured: Array<Record<string, unknown>> = [];
let onLine: (line: Record<string, unknown>) => void = () => undefined;
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const text of chunk.toString().split('\n').filter(Boolean)) {
      const line = JSON.parse(text) as Record<string, unknown>;
      captured.push(line);
      onLine(line);
    }
    done();
  },
});
const messages = () => captured.map((line) => ({ level: line.level, msg: line.msg }));

describe('the service on an EventStoreDB cluster with no leader', () => {
  let dataDir: string;
  let config: AppConfig;
  let server: SimulatedEventStoreDbClient;
  let eventStore: EventStoreDbEventStore;
  let app: INestApplication | undefined;

  beforeEach(() => {
    captured.length = 0;
    onLine = () => undefined;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-no-leader-'));
    config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }), eventStoreStartupTimeoutMs: 20_000 };
    server = new SimulatedEventStoreDbClient();
    eventStore = new EventStoreDbEventStore(server, { streamPrefixes: LEDGER_STREAM_PREFIXES });
  });

  afterEach(async () => {
    if (app) await app.close();
    else await eventStore.close();
    app = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('waits at start until the cluster elects a leader, logging why, then serves', async () => {
    server.loseLeader();
    // The election happens once the service has said it is waiting: no timing guesses.
    onLine = (line) => {
      if (String(line.msg).startsWith('Waiting for EventStoreDB to elect a leader')) server.electLeader();
    };

    app = await createApp({ config, eventStore, logDestination: destination });

    expect(messages()).toContainEqual({ level: 40, msg: expect.stringMatching(/^Waiting for EventStoreDB to elect a leader: attempt 1 failed \(.*Failed to discover after 10 attempts\..*\); retrying in 1000 ms/) });
    expect(messages()).toContainEqual({ level: 30, msg: expect.stringMatching(/^EventStoreDB has an elected leader; starting \(attempt 2, after \d+ ms\)$/) });
    expect(server.leaderOnlyReads).toBe(2);
    await request(app.getHttpServer()).get('/health').expect(200);
  });

  it('gives up past EVENTSTORE_STARTUP_TIMEOUT_MS with an error that says so', async () => {
    server.loseLeader();

    const started = createApp({ config: { ...config, eventStoreStartupTimeoutMs: 1500 }, eventStore, logDestination: destination });

    const error = await started.then(
      () => new Error('started without a leader'),
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(EventStoreNotReadyError);
    expect((error as Error).message).toMatch(/^EventStoreDB had no elected leader within \d+ ms of start \(2 attempt\(s\); EVENTSTORE_STARTUP_TIMEOUT_MS\): .*Failed to discover/);
    expect(messages().filter((line) => String(line.msg).startsWith('Waiting for EventStoreDB to elect a leader'))).toHaveLength(1);
  });

  it('answers 503 EVENT_STORE_UNAVAILABLE with Retry-After while a leader is lost, and serves again after the election', async () => {
    app = await createApp({ config, eventStore, logger: false });
    const http = app.getHttpServer();
    const integrity = () => request(http).get('/indicators/ind-10/integrity').set('Authorization', `Bearer ${KEYS.inspector}`);
    await integrity().expect(404);

    server.loseLeader();

    const lost = await integrity().expect(503);
    expect(lost.headers['retry-after']).toBe('1');
    expect(lost.body).toMatchObject({ statusCode: 503, code: 'EVENT_STORE_UNAVAILABLE' });
    const command = await request(http)
      .post('/indicators/ind-10/progress-reports')
      .set('Authorization', `Bearer ${KEYS.reporter('phong-kinh-te')}`)
      .send({ metric: 'new_jobs', period: '2021-Q1', value: 1750 })
      .expect(503);
    expect(command.body).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });

    server.electLeader();
    await integrity().expect(404);
  });
});
