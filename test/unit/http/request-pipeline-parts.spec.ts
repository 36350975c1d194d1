/**
 * The pieces of the request pipeline: helmet's headers replayed from one precomputation are exactly
 * the headers helmet itself sets on a response; the body limit reads sizes in 1024-based units; the
 * JSON reader takes objects and arrays only, and answers in our error shape.
 */
import { HttpException } from '@nestjs/common';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { bodyLimitBytes } from '../../../src/config/config';
import { parseStrictJson, readJsonBody } from '../../../src/http/json-body';
import { computeSecurityHeaders, SECURITY_HEADER_OPTIONS, securityHeaders } from '../../../src/http/security-headers';
import { ConfigError } from '../../../src/config/config';

function nodeResponse(): ServerResponse {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  res.setHeader('X-Powered-By', 'some-framework');
  return res;
}

function errorBodyOf(error: unknown): unknown {
  expect(error).toBeInstanceOf(HttpException);
  return (error as HttpException).getResponse();
}

describe('security headers', () => {
  it.each([
    ['an API route', '/indicators?limit=5', 'api'],
    ['Swagger UI', '/docs', 'webApp'],
    ['a Swagger UI asset', '/docs/swagger-ui-bundle.js', 'webApp'],
    ['the console', '/console/', 'webApp'],
    ['a console asset', '/console/assets/index-3f2a.js', 'webApp'],
    ['the OpenAPI JSON (data, not a page)', '/docs-json', 'api'],
    ['a path that only starts like the console', '/consoles', 'api'],
    ['a review’s printable page', '/reviews/2021-Q2/print?asOf=x', 'printPage'],
    ['a review (data, not a page)', '/reviews/2021-Q2', 'api'],
    ['a path that only ends like the printable page', '/reviews/2021-Q2/print/x', 'api'],
  ] as const)('on %s are the headers helmet sets for its kind of route, with X-Powered-By removed', (_, url, kind) => {
    const byHelmet = nodeResponse();
    helmet(SECURITY_HEADER_OPTIONS[kind])(byHelmet.req, byHelmet, () => undefined);
    const replayed = nodeResponse();
    replayed.req.url = url;
    expect(securityHeaders()(replayed.req, replayed)).toBeNull();
    expect(replayed.getHeaders()).toEqual(byHelmet.getHeaders());
    expect(replayed.getHeader('x-powered-by')).toBeUndefined();
    expect(replayed.getHeader('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it("are helmet's, computed once: the step replays what it was given and does not run helmet again", () => {
    const headers = computeSecurityHeaders();
    expect(headers.set.map(([name]) => name)).toEqual(expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'Strict-Transport-Security']));
    expect(headers.removed).toEqual(['X-Powered-By']);
    const replayed = nodeResponse();
    const recorded = { set: [['X-Precomputed', 'yes']] as const, removed: [] };
    securityHeaders({ webApp: recorded, printPage: recorded, api: recorded })(replayed.req, replayed);
    expect(replayed.getHeaders()).toEqual({ 'x-powered-by': 'some-framework', 'x-precomputed': 'yes' });
  });
});

describe('BODY_LIMIT', () => {
  it.each([
    ['100kb', 102_400],
    ['1mb', 1_048_576],
    ['512', 512],
    ['2KB', 2048],
  ])('reads %s as %i bytes', (text, bytes) => expect(bodyLimitBytes(text)).toBe(bytes));

  it('refuses what is not a size', () => {
    expect(() => bodyLimitBytes('lots')).toThrow(ConfigError);
  });
});

describe('strict JSON bodies', () => {
  const limit = { bytes: 64, text: '64b' };

  it('reads objects and arrays, and an empty body as {}', async () => {
    expect(await readJsonBody(Readable.from([Buffer.from('{"a":'), Buffer.from('[1,2]}')]), undefined, limit)).toEqual({ a: [1, 2] });
    expect(parseStrictJson(' [1] ')).toEqual([1]);
    expect(parseStrictJson('  ')).toEqual({});
  });

  it('keeps a "__proto__" key as an own key, for the forbidden-key guard to refuse', () => {
    const body = parseStrictJson('{"__proto__": {"polluted": true}}') as object;
    expect(Object.keys(body)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each(['"text"', '12', 'null', '{"a": ', 'not json'])('answers %s with MALFORMED_JSON', (text) => {
    let thrown: unknown;
    try {
      parseStrictJson(text);
    } catch (error) {
      thrown = error;
    }
    expect(errorBodyOf(thrown)).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String) });
  });

  it('answers a body over the limit with 413, whether declared or streamed', async () => {
    const tooLarge = { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body exceeds 64b' };
    const declared = await readJsonBody(Readable.from([Buffer.from('{}')]), '65', limit).catch(errorBodyOf);
    expect(declared).toEqual(tooLarge);
    const streamed = await readJsonBody(Readable.from([Buffer.alloc(40, 32), Buffer.alloc(40, 32)]), undefined, limit).catch(errorBodyOf);
    expect(streamed).toEqual(tooLarge);
  });
});
