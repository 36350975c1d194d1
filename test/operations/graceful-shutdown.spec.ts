/**
 * Graceful shutdown: once closing starts, no new connection is accepted; a command already in
 * flight finishes and gets its 201; the projections reach that command before the runner stops
 * (so the checkpoint it stores covers every answered command); only then are the stores closed.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProjectionService } from '../../src/infrastructure/projection.service';
import { listenOnLoopback } from '../support/http-client';
import { GatedEventStore } from '../support/gated-event-store';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp } from '../support/test-app';

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('graceful shutdown', () => {
  it('stops accepting, finishes the command in flight, projects it, then closes the stores', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-shutdown-'));
    const store = new GatedEventStore(new SqliteEventStore({ filename: path.join(dir, 'events.db') }));
    const t = await startTestApp({ dataDir: dir, eventStore: store as EventStore });
    try {
      const http = await listenOnLoopback(t);
      const port = Number(new URL(http.baseUrl).port);
      const runner = t.app.get(ProjectionService).daemon.live;

      const gate = store.holdNextAppend();
      const inFlight = http.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 }, KEYS.reporter('bao-hiem-xa-hoi-thanh-pho')).then((res) => res);
      await gate.reached;

      const closing = t.app.close();
      // Closing has begun: the listener goes away while the command is still held.
      for (let i = 0; i < 100 && (await connects(port)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await connects(port)).toBe(false);
      expect(store.closedAt).toBeNull();

      gate.release();
      const response = await inFlight;
      await closing;

      expect(response.status).toBe(201);
      expect(store.closedAt).not.toBeNull();
      // The runner stopped after projecting the answered command: its checkpoint covers it.
      expect(runner.state).toBe('stopped');
      expect(runner.position).toBe(response.body.position);

      const reopened = new SqliteEventStore({ filename: path.join(dir, 'events.db') });
      try {
        expect(await reopened.headPosition()).toBe(response.body.position);
      } finally {
        await reopened.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the connections of requests still in flight at SHUTDOWN_TIMEOUT_MS, so the process can exit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-shutdown-'));
    const store = new GatedEventStore(new SqliteEventStore({ filename: path.join(dir, 'events.db') }));
    const t = await startTestApp({ dataDir: dir, eventStore: store as EventStore, env: { SHUTDOWN_TIMEOUT_MS: '200' } });
    const gate = store.holdNextAppend();
    try {
      const http = await listenOnLoopback(t);
      // A command held for as long as the test wants: longer than any shutdown may wait.
      const inFlight = http
        .post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 }, KEYS.reporter('bao-hiem-xa-hoi-thanh-pho'))
        .then(
          () => 'answered',
          (error: NodeJS.ErrnoException) => error.code ?? error.message,
        );
      await gate.reached;

      // Resolves only because the held request's connection is closed at the deadline.
      await t.app.close();
      expect(await inFlight).toMatch(/ECONNRESET|socket hang up|UND_ERR_SOCKET|other side closed|fetch failed/);
      expect(store.closedAt).not.toBeNull();
    } finally {
      gate.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);

  it('answers a request that arrives on an open connection while draining with 503 SHUTTING_DOWN, in our shape and on its log line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-shutdown-'));
    const store = new GatedEventStore(new SqliteEventStore({ filename: path.join(dir, 'events.db') }));
    const { destination, logged } = logCapture();
    const t = await startTestApp({ dataDir: dir, eventStore: store as EventStore, env: { LOG_LEVEL: 'info' }, logDestination: destination });
    const gate = store.holdNextAppend();
    try {
      const { baseUrl } = await listenOnLoopback(t);
      const port = Number(new URL(baseUrl).port);
      // A command held in flight keeps its connection open through the drain; the next request on it arrives after.
      const socket = net.connect(port, '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const ended = new Promise((resolve) => socket.on('close', resolve));
      const body = JSON.stringify({ metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 });
      socket.write(
        ['POST /indicators/ind-12/progress-reports HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${KEYS.reporter('bao-hiem-xa-hoi-thanh-pho')}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'),
      );
      await gate.reached;

      const closing = t.app.close();
      for (let i = 0; i < 100 && (await connects(port)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      socket.write(['GET /units HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${KEYS.analyst}`, 'X-Correlation-Id: draining-0001', '', ''].join('\r\n'));
      // Give the server the time to read the second request before the first one is answered.
      await new Promise((resolve) => setTimeout(resolve, 50));
      gate.release();
      await ended;
      await closing;

      const answers = Buffer.concat(received).toString('utf8');
      expect(answers).toMatch(/^HTTP\/1\.1 201 /);
      const refused = answers.slice(answers.indexOf('HTTP/1.1 503 '));
      const [head, json] = refused.split('\r\n\r\n');
      expect(head).toMatch(/^connection: close$/im);
      expect(head).toMatch(/^content-type: application\/json; charset=utf-8$/im);
      expect(head).toMatch(/^x-correlation-id: draining-0001$/im);
      expect(JSON.parse(json)).toEqual({ statusCode: 503, code: 'SHUTTING_DOWN', message: expect.any(String) });
      expect(logged().find((l) => l.correlationId === 'draining-0001')).toMatchObject({ level: 40, code: 'SHUTTING_DOWN', res: { statusCode: 503 } });
    } finally {
      gate.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
