/**
 * Fault: the service is told to stop (SIGTERM) while clients hold kept-alive connections. A request
 * sent on a connection that was idle when the signal came gets 503 SHUTTING_DOWN with
 * `Connection: close`, not a connection reset; the command in flight finishes and is kept.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
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

/** A kept-alive connection: sends a request, resolves with the text of each complete answer as it comes. */
class KeptAlive {
  private received = '';
  private waiting: Array<() => void> = [];
  readonly closed: Promise<void>;
  private readonly socket: net.Socket;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString();
      for (const wake of this.waiting.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve()));
    this.socket.on('error', () => undefined);
  }

  /** Sends a GET and waits for its whole answer (its JSON body ends the text received so far). */
  async get(url: string, headers: string[]): Promise<string> {
    const from = this.received.length;
    this.socket.write([`GET ${url} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, '', ''].join('\r\n'));
    for (;;) {
      const text = this.received.slice(from);
      const [head, body] = text.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? NaN);
      if (body !== undefined && Buffer.byteLength(body) >= length) return text;
      await Promise.race([new Promise<void>((resolve) => this.waiting.push(resolve)), this.closed]);
      if (this.socket.destroyed && this.received.length === from) throw new Error('the connection was closed without an answer');
    }
  }
}

describe('shutdown with kept-alive connections', () => {
  it('answers a request on a connection idle at the signal with 503 SHUTTING_DOWN and Connection: close; the command in flight is kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-keepalive-'));
    const store = new GatedEventStore(new SqliteEventStore({ filename: path.join(dir, 'events.db') }));
    const { destination, logged } = logCapture();
    const t = await startTestApp({ dataDir: dir, eventStore: store as EventStore, env: { LOG_LEVEL: 'info' }, logDestination: destination });
    try {
      const http = await listenOnLoopback(t);
      const port = Number(new URL(http.baseUrl).port);
      // A connection that has served a request and waits, kept alive.
      const idle = new KeptAlive(port);
      expect(await idle.get('/units', [`Authorization: Bearer ${KEYS.analyst}`])).toMatch(/^HTTP\/1\.1 200 /);

      const gate = store.holdNextAppend();
      const inFlight = http.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 }, KEYS.reporter('bao-hiem-xa-hoi-thanh-pho'));
      const answered = inFlight.then((res) => res);
      await gate.reached;

      const closing = t.app.close();
      for (let i = 0; i < 500 && (await connects(port)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await connects(port)).toBe(false);

      const refused = await idle.get('/units', [`Authorization: Bearer ${KEYS.analyst}`, 'X-Correlation-Id: idle-at-signal-0001']);
      const [head, json] = refused.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 503 /);
      expect(head).toMatch(/^connection: close$/im);
      expect(JSON.parse(json)).toEqual({ statusCode: 503, code: 'SHUTTING_DOWN', message: expect.any(String) });
      // The server closes that connection after the answer.
      await idle.closed;
      expect(logged().find((l) => l.correlationId === 'idle-at-signal-0001')).toMatchObject({ level: 40, code: 'SHUTTING_DOWN' });

      gate.release();
      const response = await answered;
      await closing;
      expect(response.status).toBe(201);
      const reopened = new SqliteEventStore({ filename: path.join(dir, 'events.db') });
      try {
        const stream = await reopened.readStream('indicator-ind-12');
        expect(stream.some((event) => event.position === response.body.position)).toBe(true);
      } finally {
        await reopened.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
