/**
 * Requests refused before any route sees them (by Node's HTTP parser or by the router) still get
 * our error shape with a machine-readable code: a raw non-ASCII character pasted into a URL, a
 * percent-escape that does not decode, a malformed header, headers too large. They are written to a
 * socket by hand because an HTTP client would refuse to send them.
 */
import * as net from 'node:net';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

interface RawAnswer {
  status: number;
  headers: string;
  body: Record<string, unknown>;
}

/** Sends `request` as it is and reads the answer until the server closes the connection. */
function sendRaw(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(text.split(' ')[1]), headers: text.slice(0, split), body: JSON.parse(text.slice(split + 4)) });
    });
    socket.end(Buffer.from(request, 'utf8'));
  });
}

const AUTH = `Authorization: Bearer ${KEYS.inspector}`;
const get = (target: string, ...headers: string[]) => [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', AUTH, 'Connection: close', ...headers, '', ''].join('\r\n');

describe('requests refused before routing (e2e)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a raw non-ASCII character in the query', '/indicators?unit=phòng'],
    ['a raw non-ASCII character in the path', '/indicators/phòng'],
    ['an elided digest pasted as it is', '/audit/digest/verify?digest=fe1d…5270&position=81'],
    ['a percent-escape in the path that does not decode', '/indicators/%E0%A4%A'],
  ])('answers %s with 400 INVALID_URL and how to encode it', async (_, target) => {
    const answer = await sendRaw(port, get(target));
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'INVALID_URL' });
    expect(answer.body.message).toContain('percent-encoded');
  });

  it("answers an undecodable path as any answer: correlation id and security headers, even where the router refuses it first", async () => {
    const answer = await sendRaw(port, get('/indicators/%E0%A4%A', 'X-Correlation-Id: bad-url-0001'));
    expect(answer.body).toMatchObject({ code: 'INVALID_URL' });
    expect(answer.headers).toMatch(/x-correlation-id: bad-url-0001/i);
    expect(answer.headers).toMatch(/content-security-policy:/i);
    expect(answer.headers).toMatch(/x-content-type-options: nosniff/i);
  });

  it('still reads a query whose escapes are valid (the unit is looked up, not refused as a URL)', async () => {
    const answer = await sendRaw(port, get('/indicators?unit=ph%C3%B2ng'));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers a header line without a colon with 400 MALFORMED_REQUEST', async () => {
    const answer = await sendRaw(port, get('/indicators', 'this is not a header'));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
  });

  it('answers headers beyond the server limit with 431 HEADERS_TOO_LARGE', async () => {
    const answer = await sendRaw(port, get('/indicators', `X-Padding: ${'a'.repeat(20_000)}`));
    expect(answer.status).toBe(431);
    expect(answer.body).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('answers an id longer than any router limit with 400 INVALID_ID', async () => {
    const answer = await sendRaw(port, get(`/indicators/${'x'.repeat(2_100)}`));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'INVALID_ID' });
  });

  it('appends nothing for a command whose URL cannot be read, and the same command encoded is appended', async () => {
    const body = JSON.stringify({ metric: 'health_insurance_coverage', period: '2021-Q1', value: 93.5 });
    const post = (target: string) =>
      [
        `POST ${target} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${KEYS.reporter('bao-hiem-xa-hoi-thanh-pho')}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n');
    const head = await t.eventStore.headPosition();
    const refused = await sendRaw(port, post('/indicators/ind-12/progress-reports?source=bá'));
    expect(refused.body).toMatchObject({ code: 'INVALID_URL' });
    expect(await t.eventStore.headPosition()).toBe(head);
    const accepted = await sendRaw(port, post('/indicators/ind-12/progress-reports?source=b%C3%A1'));
    expect(accepted.status).toBe(201);
    expect(await t.eventStore.headPosition()).toBe(head + 1);
  });
});
