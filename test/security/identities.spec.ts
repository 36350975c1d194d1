/**
 * Identities nobody can borrow. A token whose `sub` is an API-key principal's id acts as its own
 * `jwt:<issuer>:<sub>` identity: its events name it, it shares none of the principal's idempotency
 * keys or rate limit. Each issuer grants only the roles and units it is configured for, units the
 * ledger knows, to tokens no older than its maximum age; its key file is read again when it changes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { logCapture } from '../support/log-capture';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const NOW = new Date('2021-07-20T03:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const CITY = 'https://sso.halong.gov.vn/realms/city';
const DEPT = 'https://idp.bhxh.halong.gov.vn';
const AUDIENCE = 'resolution-ledger';
const UNIT = 'bao-hiem-xa-hoi-thanh-pho';
const REPORTER_KEY = KEYS.reporter(UNIT);
/** The id the demo principals file gives the key above (its name, slugified). */
const REPORTER_ID = 'can-bo-bao-cao-bao-hiem-xa-hoi-thanh-pho';
const REPORTS = '/indicators/ind-12/progress-reports';
const REPORT = { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93.1 };

interface Claims {
  iss?: string;
  sub?: string;
  roles?: string[];
  unit?: string | null;
  issuedAt?: Date | null;
  expiresAt?: Date;
  kid?: string;
}

describe('identities from several sources', () => {
  let dir: string;
  let cityKey: KeyLike;
  let deptKey: KeyLike;
  let rotatedKey: KeyLike;
  let jwksFile: string;
  let jwksOf: (key: 'dept' | 'rotated') => Promise<string>;

  async function token(key: KeyLike, claims: Claims = {}): Promise<string> {
    const jwt = new SignJWT({ roles: claims.roles ?? ['reporter'], unit_id: claims.unit === undefined ? UNIT : claims.unit })
      .setProtectedHeader({ alg: 'ES256', ...(claims.kid ? { kid: claims.kid } : {}) })
      .setIssuer(claims.iss ?? DEPT)
      .setAudience(AUDIENCE)
      .setSubject(claims.sub ?? 'nguyen.van.a')
      .setExpirationTime(seconds(claims.expiresAt ?? new Date(NOW.getTime() + 15 * 60_000)));
    if (claims.issuedAt !== null) jwt.setIssuedAt(seconds(claims.issuedAt ?? new Date(NOW.getTime() - 60_000)));
    return jwt.sign(key);
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-identities-'));
    const city = await generateKeyPair('ES256');
    const dept = await generateKeyPair('ES256');
    const rotated = await generateKeyPair('ES256');
    cityKey = city.privateKey;
    deptKey = dept.privateKey;
    rotatedKey = rotated.privateKey;
    fs.writeFileSync(path.join(dir, 'city.pem'), await exportSPKI(city.publicKey));
    const publicKeys = { dept: dept.publicKey, rotated: rotated.publicKey };
    jwksOf = async (which) => JSON.stringify({ keys: [{ ...(await exportJWK(publicKeys[which])), kid: which, alg: 'ES256', use: 'sig' }] });
    jwksFile = path.join(dir, 'dept-jwks.json');
    fs.writeFileSync(jwksFile, await jwksOf('dept'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The city's single sign-on may grant reporters and the coordinator anywhere; the insurance office's provider only reporters of its own unit. */
  const issuers = () => [
    { alias: 'city', issuer: CITY, audience: AUDIENCE, algorithms: ['ES256'], publicKeyFile: 'city.pem', grants: { roles: ['reporter', 'coordinator', 'analyst'], units: '*' } },
    { alias: 'bhxh', issuer: DEPT, audience: AUDIENCE, algorithms: ['ES256'], jwksFile: 'dept-jwks.json', maxTokenAgeSeconds: 600, grants: { roles: ['reporter'], units: [UNIT] } },
  ];

  const writeIssuersFile = () => {
    const file = path.join(dir, 'issuers.json');
    fs.writeFileSync(file, JSON.stringify(issuers()));
    return file;
  };

  describe('a token that names an API-key principal', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { JWT_ISSUERS_FILE: writeIssuersFile(), RATE_LIMIT: '6' } });
    });

    afterAll(async () => {
      await t.close();
    });

    it('acts as its own identity: its events name jwt:<issuer>:<sub>, and the audit trail tells the two apart', async () => {
      const impostor = await token(deptKey, { sub: REPORTER_ID });
      const byKey = await t.post(REPORTS, REPORT, REPORTER_KEY).set('Idempotency-Key', 'bhxh-q1').expect(201);
      // The same idempotency key and body: the principal's result is not handed out, the command is decided afresh (and refused: Q1 is reported).
      const retried = await t.post(REPORTS, REPORT, impostor).set('Idempotency-Key', 'bhxh-q1').expect(422);
      expect(retried.body.code).toBe('DUPLICATE_REPORT');
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      const byToken = await t.post(REPORTS, { ...REPORT, period: '2021-01', value: 92 }, impostor).set('Idempotency-Key', 'bhxh-q1').expect(201);

      const stream = await t.eventStore.readStream('indicator-ind-12');
      const actorAt = (position: number) => stream.find((event) => event.position === position)?.metadata.actor.id;
      expect(actorAt(byKey.body.position)).toBe(REPORTER_ID);
      expect(actorAt(byToken.body.position)).toBe(`jwt:bhxh:${REPORTER_ID}`);

      const history = async (actor: string) =>
        (await t.get(`/indicators/ind-12/history?actor=${encodeURIComponent(actor)}&minPosition=${byToken.body.position}`, KEYS.inspector).expect(200)).body.items.map((entry: { revision: number }) => entry.revision);
      expect(await history(REPORTER_ID)).toEqual([byKey.body.revision]);
      expect(await history(`jwt:bhxh:${REPORTER_ID}`)).toEqual([byToken.body.revision]);
    });

    it('has a rate limit of its own', async () => {
      const impostor = await token(deptKey, { sub: REPORTER_ID });
      // The key principal has written twice above; it spends the rest of its 6 requests and is refused.
      let answer = 200;
      for (let i = 0; i < 6 && answer === 200; i++) answer = (await t.get('/units', REPORTER_KEY)).status;
      expect(answer).toBe(429);
      await t.get('/units', impostor).expect(200);
    });
  });

  describe('what each issuer may grant', () => {
    let t: TestApp;
    const { destination, logged } = logCapture();

    beforeAll(async () => {
      t = await startTestApp({ env: { JWT_ISSUERS_JSON: JSON.stringify(issuers().map((issuer) => ({ ...issuer, [issuer.jwksFile ? 'jwksFile' : 'publicKeyFile']: path.join(dir, issuer.jwksFile ?? issuer.publicKeyFile ?? '') }))), LOG_LEVEL: 'info' }, logDestination: destination });
    });

    afterAll(async () => {
      await t.close();
    });

    it.each([
      ['the standing committee', { roles: ['standing_committee'] }, { roles: ['standing_committee'] }],
      ['the coordinator beside a role it may grant', { roles: ['reporter', 'coordinator'] }, { roles: ['coordinator'] }],
      ['another unit', { unit: 'phong-kinh-te' }, { unitId: 'phong-kinh-te' }],
    ])("refuses a department's token granting %s (403 ISSUER_MAY_NOT_GRANT), and writes nothing", async (_, claims, details) => {
      const head = await t.eventStore.headPosition();
      const res = await t.post('/indicators/ind-12/target-revisions', { metric: 'health_insurance_coverage', value: 90, reason: 'Thử', decisionRef: '1-QĐ/TU' }, await token(deptKey, claims)).expect(403);
      expect(res.body).toMatchObject({ code: 'ISSUER_MAY_NOT_GRANT', details: { issuer: 'bhxh', ...details } });
      expect(await t.eventStore.headPosition()).toBe(head);
    });

    it('lets the city grant the coordinator, under its own alias', async () => {
      const res = await t.post('/units', { id: 'to-kiem-thu', name: 'Tổ kiểm thử' }, await token(cityKey, { iss: CITY, sub: 'tran.thi.b', roles: ['coordinator'], unit: 'van-phong-thanh-uy' })).expect(201);
      const [event] = await t.eventStore.readStream('unit-to-kiem-thu');
      expect(event.metadata.actor).toEqual({ id: 'jwt:city:tran.thi.b', unitId: 'van-phong-thanh-uy', roles: ['coordinator'] });
      expect(res.body.position).toBe(event.position);
    });

    it('refuses a unit the ledger does not know, even from an issuer that may name any, and accepts it once registered', async () => {
      const unknown = await token(cityKey, { iss: CITY, unit: 'don-vi-chua-co' });
      expect((await t.get('/units', unknown).expect(403)).body).toMatchObject({ code: 'ISSUER_MAY_NOT_GRANT', details: { unitId: 'don-vi-chua-co', knownUnit: false } });
      await t.post('/units', { id: 'don-vi-chua-co', name: 'Đơn vị mới' }, KEYS.coordinator).expect(201);
      await t.get('/units', unknown).expect(200);
    });

    it('refuses a token older than its issuer’s maximum age whatever its expiry, and one without iat', async () => {
      const old = await token(deptKey, { issuedAt: new Date(NOW.getTime() - 11 * 60_000), expiresAt: new Date(NOW.getTime() + 100 * 365 * 86_400_000) });
      const refused = await t.get('/units', old).expect(401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'ERR_JWT_EXPIRED' } });
      expect(refused.body.message).toContain('maximum token age (600 s)');
      await t.get('/units', await token(deptKey, { issuedAt: new Date(NOW.getTime() - 9 * 60_000) })).expect(200);
      expect((await t.get('/units', await token(deptKey, { issuedAt: null })).expect(401)).body.details.reason).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    });

    it("does not verify one issuer's token with another's keys", async () => {
      expect((await t.get('/units', await token(deptKey, { iss: CITY })).expect(401)).body.details.reason).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect((await t.get('/units', await token(deptKey, { iss: 'https://evil.example' })).expect(401)).body.details.reason).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    });

    it('reads the JWKS file again when it changes: a rotated key works and the replaced one is refused, with no restart', async () => {
      const before = await token(deptKey, { kid: 'dept' });
      const after = await token(rotatedKey, { kid: 'rotated' });
      await t.get('/units', before).expect(200);
      expect((await t.get('/units', after).expect(401)).body.details.reason).toBe('ERR_JWKS_NO_MATCHING_KEY');
      const next = `${jwksFile}.next`;
      fs.writeFileSync(next, await jwksOf('rotated'));
      fs.renameSync(next, jwksFile);
      await t.get('/units', after).expect(200);
      expect((await t.get('/units', before).expect(401)).body.details.reason).toBe('ERR_JWKS_NO_MATCHING_KEY');
      // A file caught half-written: reported once, and the keys read last stay in use.
      fs.writeFileSync(jwksFile, '{"keys": [');
      await t.get('/units', after).expect(200);
      await t.get('/units', after).expect(200);
      expect(logged().filter((line) => String(line.msg).includes('changed but cannot be read'))).toHaveLength(1);
      fs.writeFileSync(jwksFile, await jwksOf('dept'));
      await t.get('/units', before).expect(200);
    });
  });
});
