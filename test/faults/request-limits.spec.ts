/**
 * Faults of the way a request arrives: too many header lines, headers too large, a body that
 * trickles in. Each is refused in our error shape and logged; none is dropped silently, and none
 * leaves anything written.
 */
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';
import request from 'supertest';
import { MAX_REQUEST_HEADERS } from '../../src/http/request-limits';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const REPORTER = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');

/** Sends `head` on a new connection, then lets `trickle` send the rest; resolves with everything received once the server closes the connection. */
function rawExchange(port: number, head: string, trickle: (socket: net.Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      trickle(socket);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

function bodyOf(raw: string): Record<string, unknown> {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

describe('request limits', () => {
  let t: TestApp;
  let port: number;
  const { destination, logged } = logCapture();

  beforeAll(async () => {
    // A short grace period, so the test does not wait the default five seconds.
    t = await startTestApp({ env: { LOG_LEVEL: 'info', BODY_MIN_RATE: '240', BODY_RATE_GRACE_MS: '1000' }, logDestination: destination });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  it('too many header lines: 431 HEADERS_TOO_LARGE in our shape, logged, even with the key last', async () => {
    const before = await t.eventStore.headPosition();
    let req = request(t.app.getHttpServer()).post('/indicators/ind-12/progress-reports').set('X-Correlation-Id', 'many-headers-0001');
    for (let i = 0; i < MAX_REQUEST_HEADERS + 20; i++) req = req.set(`X-Filler-${i}`, 'x');
    const res = await req.set('Authorization', `Bearer ${REPORTER}`).send({ metric: 'health_insurance_coverage', period: '2021-01', value: 91 }).expect(431);
    expect(res.body).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE', details: { maxHeaders: MAX_REQUEST_HEADERS } });
    expect(logged().find((l) => l.correlationId === 'many-headers-0001')).toMatchObject({ level: 40, code: 'HEADERS_TOO_LARGE', res: { statusCode: 431 } });
    expect(await t.eventStore.headPosition()).toBe(before);
    // Beyond Node's own count limit (2000) too: the request is refused, not trimmed.
    const lines = Array.from({ length: 2100 }, (_, i) => `X-F${i}: 1\r\n`).join('');
    const raw = await rawExchange(port, `GET /indicators HTTP/1.1\r\nHost: x\r\n${lines}Authorization: Bearer ${KEYS.analyst}\r\nConnection: close\r\n\r\n`, () => undefined);
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(raw)).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
  });

  it('headers larger than the parser takes: 431 in our shape, and a log line though it never became a request', async () => {
    const raw = await rawExchange(port, `GET /indicators HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, () => undefined);
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(raw)).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE' });
    expect(logged().find((l) => l.msg === 'request refused before routing' && l.parserError === 'HPE_HEADER_OVERFLOW')).toMatchObject({ level: 40, code: 'HEADERS_TOO_LARGE' });
  });

  it('a body trickling in slower than the minimum rate: 408 REQUEST_TIMEOUT in our shape, connection closed, logged, nothing written', async () => {
    const before = await t.eventStore.headPosition();
    const body = JSON.stringify({ metric: 'health_insurance_coverage', period: '2021-02', value: 92 });
    const head =
      `POST /indicators/ind-12/progress-reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${REPORTER}\r\nX-Correlation-Id: trickle-0001\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    // One byte every 100 ms, far below 240 bytes per second; the server decides when it has seen enough.
    const raw = await rawExchange(port, head, (socket) => {
      timer = setInterval(() => {
        if (sent < body.length - 1 && !socket.destroyed) socket.write(body[sent++]);
      }, 100);
    });
    clearInterval(timer);
    expect(sent).toBeLessThan(body.length - 1);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw.toLowerCase()).toContain('connection: close');
    expect(bodyOf(raw)).toMatchObject({ statusCode: 408, code: 'REQUEST_TIMEOUT', details: { minBytesPerSecond: 240 } });
    expect(logged().find((l) => l.correlationId === 'trickle-0001' && l.res)).toMatchObject({ level: 40, code: 'REQUEST_TIMEOUT', res: { statusCode: 408 } });
    expect(await t.eventStore.headPosition()).toBe(before);
    // A body sent at once is taken as always.
    await t.post('/indicators/ind-12/progress-reports', JSON.parse(body), REPORTER).expect(201);
  });
});
