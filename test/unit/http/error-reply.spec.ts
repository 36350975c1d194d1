/**
 * Sending an error body, where the exception filter's end-to-end suites cannot reach: on a Node.js
 * response (what Nest hands its filter when Nest middleware throws) and on the socket of a request
 * Node's parser refused. On Fastify's reply, the filter's unit test and every e2e suite pin it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { answeredCodeOf } from '../../../src/http/answered-code';
import type { ErrorBody } from '../../../src/http/error-body';
import { sendErrorBody, writeErrorBody } from '../../../src/http/error-reply';

const LAGGING: ErrorBody = { statusCode: 503, code: 'PROJECTION_LAGGING', message: 'Read models have not reached position 9 yet', details: { position: 9 } };

describe('an error body on a Node.js response', () => {
  let server: Server;
  const logged: Array<string | undefined> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('X-Correlation-Id', 'corr-0001');
      sendErrorBody(res, LAGGING, { 'Retry-After': '1' });
      logged.push(answeredCodeOf(req));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('is JSON with its status, the headers set before it and those given, and its code for the log line', async () => {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/indicators`);
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toEqual(LAGGING);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(res.headers.get('x-correlation-id')).toBe('corr-0001');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(logged).toEqual(['PROJECTION_LAGGING']);
  });
});

describe('an error body written to the socket', () => {
  function socket(): { socket: Duplex; written: () => string } {
    const chunks: Buffer[] = [];
    const duplex = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()),
    });
    return { socket: duplex, written: () => Buffer.concat(chunks).toString('utf8') };
  }

  it('is a whole HTTP/1.1 answer in our shape, and the connection is closed', () => {
    const { socket: duplex, written } = socket();
    const body: ErrorBody = { statusCode: 431, code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large' };
    writeErrorBody(duplex, body);
    const [head, json] = written().split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 431 Request Header Fields Too Large',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(json)}`,
      'X-Content-Type-Options: nosniff',
      'Connection: close',
    ]);
    expect(JSON.parse(json)).toEqual(body);
    expect(duplex.destroyed).toBe(true);
  });

  it('writes nothing on a socket that can no longer be written, and still closes it', () => {
    const { socket: duplex, written } = socket();
    duplex.end();
    writeErrorBody(duplex, LAGGING);
    expect(written()).toBe('');
    expect(duplex.destroyed).toBe(true);
  });
});
