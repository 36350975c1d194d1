/**
 * Bearer JWTs from a department's identity provider, verified with keys generated here: a PEM
 * public key and, separately, a JWKS file and a JWKS URL served on 127.0.0.1. Roles and unit come from the claims and are enforced
 * exactly like an API key's; every way a token can be wrong is a 401.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createHmac } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config/config';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const ISSUER = 'https://sso.halong.gov.vn/realms/ledger';
const AUDIENCE = 'resolution-ledger';
/** The test apps run on a manual clock set to this moment; token lifetimes are relative to it. */
const NOW = new Date('2021-07-20T03:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe('JWT bearer tokens', () => {
  let dir: string;
  let signing: KeyLike;
  let stranger: KeyLike;
  let rsa: KeyLike;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-jwt-'));
    const pair = await generateKeyPair('ES256');
    signing = pair.privateKey;
    fs.writeFileSync(path.join(dir, 'idp.pem'), await exportSPKI(pair.publicKey));
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-2021', alg: 'ES256', use: 'sig' }] }));
    stranger = (await generateKeyPair('ES256')).privateKey;
    rsa = (await generateKeyPair('RS256')).privateKey;
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface TokenOptions {
    claims?: Record<string, unknown>;
    key?: KeyLike;
    alg?: string;
    issuer?: string;
    audience?: string;
    expiresAt?: Date | null;
    subject?: string | null;
    kid?: string;
  }

  async function token(options: TokenOptions = {}): Promise<string> {
    const jwt = new SignJWT({ roles: ['reporter'], unit_id: 'bao-hiem-xa-hoi-thanh-pho', name: 'Nguyễn Văn A', ...options.claims })
      .setProtectedHeader({ alg: options.alg ?? 'ES256', ...(options.kid ? { kid: options.kid } : {}) })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(seconds(NOW) - 60);
    if (options.subject !== null) jwt.setSubject(options.subject ?? 'nva@bhxh.halong.gov.vn');
    if (options.expiresAt !== null) jwt.setExpirationTime(seconds(options.expiresAt ?? new Date(NOW.getTime() + 15 * 60_000)));
    return jwt.sign(options.key ?? signing);
  }

  const jwtEnv = (source: Record<string, string>) => ({
    JWT_ALIAS: 'sso',
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_ALGORITHMS: 'ES256',
    JWT_GRANT_ROLES: 'reporter,analyst',
    JWT_GRANT_UNITS: '*',
    ...source,
  });

  describe('with a PEM public key', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: jwtEnv({ JWT_PUBLIC_KEY_FILE: path.join(dir, 'idp.pem') }) });
    });

    afterAll(async () => {
      await t.close();
    });

    it('accepts a valid token, with roles and unit from its claims, and records its subject, under its issuer, as the actor', async () => {
      await t.get('/indicators/ind-12', await token()).expect(200);
      const res = await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93 }, await token()).expect(201);
      const [event] = (await t.eventStore.readStream('indicator-ind-12')).filter((e) => e.position === res.body.position);
      expect(event.metadata.actor).toEqual({ id: 'jwt:sso:nva@bhxh.halong.gov.vn', unitId: 'bao-hiem-xa-hoi-thanh-pho', roles: ['reporter'] });
    });

    it('enforces the unit and roles of the claims like an API key’s', async () => {
      const body = { metric: 'health_insurance_coverage', period: '2021-02', value: 92 };
      const otherUnit = await token({ claims: { unit_id: 'phong-kinh-te' } });
      expect((await t.post('/indicators/ind-12/progress-reports', body, otherUnit).expect(422)).body.code).toBe('NOT_RESPONSIBLE_UNIT');
      const analyst = await token({ claims: { roles: 'analyst', unit_id: null } });
      expect((await t.post('/indicators/ind-12/progress-reports', body, analyst).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
      await t.get('/indicators', analyst).expect(200);
    });

    it('still accepts API keys', async () => {
      await t.get('/indicators', KEYS.analyst).expect(200);
    });

    const refusals: Array<[string, () => Promise<string>, string]> = [
      ['an expired token', () => token({ expiresAt: new Date(NOW.getTime() - 5 * 60_000) }), 'ERR_JWT_EXPIRED'],
      ['a token without expiry', () => token({ expiresAt: null }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['a token without subject', () => token({ subject: null }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['another issuer', () => token({ issuer: 'https://evil.example/realms/ledger' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['another audience', () => token({ audience: 'some-other-service' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['a signature by another key', () => token({ key: stranger }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
      ['an algorithm outside the allow-list (RS256)', () => token({ key: rsa, alg: 'RS256' }), 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['alg "none"', async () => unsigned(await token()), 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['an HS256 token made with the public key as secret', async () => hmacWithPublicKey(await token(), fs.readFileSync(path.join(dir, 'idp.pem'), 'utf8')), 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['no known role', () => token({ claims: { roles: ['admin', 'superuser'] } }), 'ERR_JWT_CLAIMS'],
      ['a tampered payload', async () => tamper(await token(), { roles: ['standing_committee'] }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    ];

    it.each(refusals)('answers 401 to %s, and writes nothing', async (_, make, reason) => {
      const head = await t.eventStore.headPosition();
      const res = await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-03', value: 92 }, await make()).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', details: { reason } });
      expect(await t.eventStore.headPosition()).toBe(head);
    });

    it('honours the expiry against the clock, with the configured tolerance', async () => {
      const expiresSoon = await token({ expiresAt: new Date(NOW.getTime() + 60_000) });
      await t.get('/indicators', expiresSoon).expect(200);
      t.clock.set(new Date(NOW.getTime() + 60_000 + 20_000)); // 20 s past expiry: within the 30 s tolerance
      await t.get('/indicators', expiresSoon).expect(200);
      t.clock.set(new Date(NOW.getTime() + 60_000 + 31_000));
      await t.get('/indicators', expiresSoon).expect(401);
      t.clock.set(NOW);
    });
  });

  // These apps run on an empty ledger, where no unit is known yet: their tokens name none.
  const UNITLESS = { roles: ['analyst'], unit_id: null };

  describe('with a JWKS file', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ seed: false, env: jwtEnv({ JWT_JWKS_FILE: path.join(dir, 'jwks.json') }) });
    });

    afterAll(async () => {
      await t.close();
    });

    it('accepts a token whose kid names a key of the set, refuses one signed by another key', async () => {
      await t.get('/units', await token({ kid: 'idp-2021', claims: UNITLESS })).expect(200);
      await t.get('/units', await token({ claims: UNITLESS })).expect(200);
      expect((await t.get('/units', await token({ key: stranger, kid: 'idp-2021', claims: UNITLESS })).expect(401)).body.details.reason).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect((await t.get('/units', await token({ kid: 'unknown-kid', claims: UNITLESS })).expect(401)).body.details.reason).toBe('ERR_JWKS_NO_MATCHING_KEY');
    });
  });

  describe('with a JWKS URL (the identity provider\'s key endpoint, here a server on 127.0.0.1)', () => {
    let t: TestApp;
    let keyServer: http.Server;
    let served = 0;
    let answering = true;

    beforeAll(async () => {
      const jwks = fs.readFileSync(path.join(dir, 'jwks.json'));
      keyServer = http.createServer((_request, response) => {
        served += 1;
        if (!answering) return void response.writeHead(503).end();
        response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      });
      await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
      const { port } = keyServer.address() as { port: number };
      t = await startTestApp({ seed: false, env: jwtEnv({ JWT_JWKS_URL: `http://127.0.0.1:${port}/realms/ledger/certs` }) });
    });

    afterAll(async () => {
      await t.close();
      await new Promise((resolve) => keyServer.close(resolve));
    });

    it('fetches the key set, accepts a token signed by one of its keys and refuses others, without fetching it for every request', async () => {
      await t.get('/units', await token({ kid: 'idp-2021', claims: UNITLESS })).expect(200);
      await t.get('/units', await token({ kid: 'idp-2021', claims: { ...UNITLESS, name: 'Trần Thị B' } })).expect(200);
      expect(served).toBe(1);
      expect((await t.get('/units', await token({ key: stranger, kid: 'idp-2021', claims: UNITLESS })).expect(401)).body.details.reason).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect((await t.get('/units', await token({ kid: 'unknown-kid', claims: UNITLESS })).expect(401)).body.details.reason).toBe('ERR_JWKS_NO_MATCHING_KEY');
      // API keys keep working beside the tokens.
      await t.get('/units', KEYS.analyst).expect(200);
    });

    it('keeps verifying with the keys it holds while the key endpoint is down', async () => {
      answering = false;
      try {
        await t.get('/units', await token({ kid: 'idp-2021', claims: UNITLESS })).expect(200);
      } finally {
        answering = true;
      }
    });
  });

  describe('with a JWKS URL that cannot be reached', () => {
    it('answers 503 AUTH_KEYS_UNAVAILABLE with Retry-After (the token was not judged), keeps API keys working, and verifies once the keys come', async () => {
      let answering = false;
      const jwks = fs.readFileSync(path.join(dir, 'jwks.json'));
      const keyServer = http.createServer((_request, response) => {
        if (!answering) return void response.writeHead(503).end();
        response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      });
      await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
      const { port } = keyServer.address() as { port: number };
      const t = await startTestApp({ seed: false, env: jwtEnv({ JWT_JWKS_URL: `http://127.0.0.1:${port}/certs` }) });
      try {
        const down = await t.get('/units', await token({ kid: 'idp-2021', claims: UNITLESS })).expect(503);
        expect(down.body).toMatchObject({ code: 'AUTH_KEYS_UNAVAILABLE', details: { reason: 'ERR_JOSE_GENERIC' } });
        expect(down.headers['retry-after']).toBe('1');
        await t.get('/units', KEYS.analyst).expect(200);
        answering = true;
        await t.get('/units', await token({ kid: 'idp-2021', claims: UNITLESS })).expect(200);
      } finally {
        await t.close();
        await new Promise((resolve) => keyServer.close(resolve));
      }

      // Nothing listens there at all.
      const refused = await startTestApp({ seed: false, env: jwtEnv({ JWT_JWKS_URL: `http://127.0.0.1:${port}/certs` }) });
      try {
        expect((await refused.get('/units', await token({ kid: 'idp-2021', claims: UNITLESS })).expect(503)).body).toMatchObject({ code: 'AUTH_KEYS_UNAVAILABLE', details: { reason: 'ECONNREFUSED' } });
      } finally {
        await refused.close();
      }
    });
  });

  it('is off without a key source, and refuses incomplete or unsafe settings', async () => {
    expect(loadConfig({}).jwtIssuers).toEqual([]);
    expect(() => loadConfig({ JWT_PUBLIC_KEY_FILE: 'idp.pem' })).toThrow(ConfigError);
    expect(() => loadConfig(jwtEnv({ JWT_PUBLIC_KEY_FILE: 'a.pem', JWT_JWKS_FILE: 'b.json' }))).toThrow(ConfigError);
    expect(() => loadConfig(jwtEnv({ JWT_PUBLIC_KEY_FILE: 'a.pem', JWT_ALGORITHMS: 'HS256' }))).toThrow(ConfigError);
    expect(() => loadConfig(jwtEnv({ JWT_PUBLIC_KEY_FILE: 'a.pem', JWT_ALGORITHMS: 'none' }))).toThrow(ConfigError);
    const t = await startTestApp({ seed: false });
    try {
      // Without JWT configured a token is just an unknown API key.
      expect((await t.get('/units', await token()).expect(401)).body.message).toBe('Unknown API key');
    } finally {
      await t.close();
    }
  });
});

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function parts(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header, payload, signature] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()), signature };
}

/** The same claims with `alg: none` and a dummy signature (an empty one would not look like a JWT at all). */
function unsigned(jwt: string): string {
  const { header, payload } = parts(jwt);
  return `${base64url({ ...header, alg: 'none' })}.${base64url(payload)}.AA`;
}

/** The classic key-confusion attack: sign with HS256 using the verifier's public key as the HMAC secret. */
function hmacWithPublicKey(jwt: string, publicKeyPem: string): string {
  const { header, payload } = parts(jwt);
  const signingInput = `${base64url({ ...header, alg: 'HS256' })}.${base64url(payload)}`;
  return `${signingInput}.${createHmac('sha256', publicKeyPem).update(signingInput).digest('base64url')}`;
}

function tamper(jwt: string, claims: Record<string, unknown>): string {
  const [header, , signature] = jwt.split('.');
  return `${header}.${base64url({ ...parts(jwt).payload, ...claims })}.${signature}`;
}
