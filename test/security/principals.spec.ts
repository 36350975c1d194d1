/**
 * Where principals come from and how keys are held: raw or hashed keys in a file or in
 * PRINCIPALS_JSON, nothing but digests kept, and production mode refusing any demo key.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiKeySha256, PrincipalDirectory, PrincipalFileError } from '../../src/auth/principal-directory';
import { DemoKeysInProductionError, loadPrincipals, nobodyCanAuthenticate } from '../../src/auth/principal-source';
import { ConfigError, loadConfig } from '../../src/config/config';
import { createApp } from '../../src/create-app';

const DEMO_FILE = loadConfig({}).demoPrincipalsFile;
const own = { name: 'Phòng Kinh tế – dịch vụ tích hợp', unitId: 'phong-kinh-te', roles: ['reporter'] };
const OWN_KEY = 'pkt-7f3c9a0e5d2b41c8a6e4-Qm8ZtR2wXy5Lb';

describe('PrincipalDirectory', () => {
  it('authenticates a raw key and a hashed key, and nothing else', () => {
    const directory = PrincipalDirectory.fromEntries([
      { ...own, apiKey: OWN_KEY },
      { name: 'Thanh tra', unitId: null, roles: ['inspector'], apiKeySha256: apiKeySha256('inspector-key-123') },
    ]);
    expect(directory.authenticate(OWN_KEY)).toMatchObject({ id: 'phong-kinh-te-dich-vu-tich-hop', unitId: 'phong-kinh-te', roles: ['reporter'] });
    expect(directory.authenticate('inspector-key-123')).toMatchObject({ name: 'Thanh tra', roles: ['inspector'] });
    expect(directory.authenticate(apiKeySha256('inspector-key-123'))).toBeNull(); // the digest is not a key
    expect(directory.authenticate(OWN_KEY.slice(0, -1))).toBeNull();
    expect(directory.authenticate('')).toBeNull();
  });

  it('accepts an upper-case digest and keeps no raw key or digest in the principals it hands out', () => {
    const directory = PrincipalDirectory.fromEntries([{ ...own, apiKeySha256: apiKeySha256(OWN_KEY).toUpperCase() }]);
    const principal = directory.authenticate(OWN_KEY);
    expect(principal).not.toBeNull();
    const shown = JSON.stringify(principal);
    expect(shown).not.toContain(OWN_KEY);
    expect(shown.toLowerCase()).not.toContain(apiKeySha256(OWN_KEY));
  });

  it.each([
    ['both a key and a digest', { ...own, apiKey: OWN_KEY, apiKeySha256: apiKeySha256(OWN_KEY) }, 'exactly one'],
    ['neither', { ...own }, 'exactly one'],
    ['a short key', { ...own, apiKey: 'phongkinhte2021' }, 'shorter than 32 characters'],
    ['a long key of few characters', { ...own, apiKey: 'abababababababababababababababab' }, 'fewer than 8 different characters'],
    ['a key with a space', { ...own, apiKey: 'phong kinh te bao cao nam 2021 ha long' }, 'printable ASCII'],
    ['a key shaped like a JWT', { ...own, apiKey: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }, 'shaped like a JWT'],
    ['an id that is not an id', { ...own, id: 'Phòng Kinh tế', apiKey: OWN_KEY }, 'needs an id'],
    ['an id with a colon, the mark of a token identity', { ...own, id: 'jwt:sso:someone', apiKey: OWN_KEY }, 'needs an id'],
    ['a name that gives no id', { ...own, name: '…', apiKey: OWN_KEY }, 'add an "id"'],
    ['a digest that is not one', { ...own, apiKeySha256: 'abc' }, '64 hexadecimal'],
    ['an unknown role', { ...own, apiKey: OWN_KEY, roles: ['admin'] }, 'roles'],
    ['no unit', { name: 'x', apiKey: OWN_KEY, roles: ['reporter'] }, 'unitId'],
    ["the placeholder principals:hash-key prints for the unit", { ...own, unitId: '…', apiKey: OWN_KEY }, 'unitId'],
    ['a unit that is not an id', { ...own, unitId: 'Phòng Kinh tế', apiKey: OWN_KEY }, 'unitId'],
  ])('refuses an entry with %s', (_, entry, message) => {
    expect(() => PrincipalDirectory.fromEntries([entry])).toThrow(message);
  });

  it('refuses two principals with the same key, whether raw or hashed', () => {
    expect(() =>
      PrincipalDirectory.fromEntries([
        { ...own, apiKey: OWN_KEY },
        { ...own, name: 'other', apiKeySha256: apiKeySha256(OWN_KEY) },
      ]),
    ).toThrow('reuses');
  });

  it('refuses two principals with the same id, given or made from the name, and names both', () => {
    const other = 'pkt-second-key-0a9b8c7d6e5f4g3h2i1j-XyZ';
    expect(() => PrincipalDirectory.fromEntries([{ ...own, apiKey: OWN_KEY }, { ...own, apiKey: other }])).toThrow('Principal #1 has the id "phong-kinh-te-dich-vu-tich-hop" of principal #0');
    expect(() => PrincipalDirectory.fromEntries([{ ...own, id: 'dv-1', apiKey: OWN_KEY }, { ...own, name: 'Khác', id: 'dv-1', apiKey: other }])).toThrow('has the id "dv-1"');
    expect(PrincipalDirectory.fromEntries([{ ...own, apiKey: OWN_KEY }, { ...own, id: 'dv-2', apiKey: other }]).size).toBe(2);
  });

  it('does not echo the key in the reason it refuses a weak one', () => {
    expect(() => PrincipalDirectory.fromEntries([{ ...own, apiKey: 'phongkinhte2021' }])).toThrow(/^Principal #0 has an apiKey that is shorter than 32 characters: make one with npm run principals:hash-key$/);
  });

  it('does not echo the JSON in its error when it cannot parse it (it may hold keys)', () => {
    expect(() => PrincipalDirectory.fromJson(`[{"apiKey":"${OWN_KEY}"`, 'PRINCIPALS_JSON')).toThrow(PrincipalFileError);
    try {
      PrincipalDirectory.fromJson(`[{"apiKey":"${OWN_KEY}"`, 'PRINCIPALS_JSON');
    } catch (error) {
      expect((error as Error).message).not.toContain(OWN_KEY);
    }
  });
});

describe('principals from the configuration', () => {
  let dir: string;
  let ownFile: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-principals-'));
    ownFile = path.join(dir, 'principals.json');
    fs.writeFileSync(ownFile, JSON.stringify([{ ...own, apiKeySha256: apiKeySha256(OWN_KEY) }]));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads PRINCIPALS_JSON instead of the file, and refuses both at once', () => {
    const config = loadConfig({ PRINCIPALS_JSON: JSON.stringify([{ ...own, apiKey: OWN_KEY }]) });
    const directory = loadPrincipals(config);
    expect(directory.size).toBe(1);
    expect(directory.authenticate(OWN_KEY)?.unitId).toBe('phong-kinh-te');
    expect(directory.authenticate('demo-analyst')).toBeNull();
    expect(() => loadConfig({ PRINCIPALS_JSON: '[]', PRINCIPALS_FILE: ownFile })).toThrow(ConfigError);
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['an EventStoreDB connection', { EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }],
    ['a MongoDB URI', { MONGODB_URI: 'mongodb://localhost:27017/ledger' }],
  ])('is production mode with %s, and then refuses the demo principals', (_, env) => {
    const config = loadConfig(env);
    expect(config.productionMode).toBe(true);
    expect(() => loadPrincipals(config)).toThrow(DemoKeysInProductionError);
  });

  it('refuses in production a file that accepts even one demo key, also when it holds only its digest', () => {
    const leaky = path.join(dir, 'leaky.json');
    fs.writeFileSync(leaky, JSON.stringify([{ ...own, apiKeySha256: apiKeySha256(OWN_KEY) }, { name: 'old', unitId: null, roles: ['analyst'], apiKeySha256: apiKeySha256('demo-analyst') }]));
    expect(() => loadPrincipals(loadConfig({ NODE_ENV: 'production', PRINCIPALS_FILE: leaky }))).toThrow(/demo API key.*old/);
  });

  it('starts in production with principals of its own', () => {
    const config = loadConfig({ NODE_ENV: 'production', PRINCIPALS_FILE: ownFile });
    expect(loadPrincipals(config).authenticate(OWN_KEY)).not.toBeNull();
    expect(loadConfig({}).productionMode).toBe(false);
  });

  it('the application itself refuses to start in production with the demo principals', async () => {
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: path.join(dir, 'data') });
    await expect(createApp({ config, logger: false })).rejects.toThrow(DemoKeysInProductionError);
  });

  it('reads the shipped demo file with its short keys, but holds every other file to the minimum strength', () => {
    const copy = path.join(dir, 'demo-copy.json');
    fs.copyFileSync(DEMO_FILE, copy);
    expect(loadPrincipals(loadConfig({})).authenticate('demo-analyst')).not.toBeNull();
    expect(() => loadPrincipals(loadConfig({ PRINCIPALS_FILE: copy }))).toThrow(/shorter than 32 characters/);
    expect(() => loadPrincipals(loadConfig({ PRINCIPALS_JSON: fs.readFileSync(DEMO_FILE, 'utf8') }))).toThrow(/shorter than 32 characters/);
  });

  it('the demo principals file the check reads is the one the repository ships', () => {
    const demo = JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')) as Array<{ apiKey: string }>;
    expect(demo.length).toBeGreaterThan(5);
    expect(demo.map((d) => d.apiKey)).toContain('demo-analyst');
  });
});

describe('a principals list nobody can use', () => {
  it('is warned of at start when there is no principal and no JWT issuer, and only then', () => {
    const empty = PrincipalDirectory.fromEntries([]);
    expect(nobodyCanAuthenticate(empty, { jwtIssuers: [] })).toMatch(/No principal can authenticate.*401/);
    expect(nobodyCanAuthenticate(PrincipalDirectory.fromEntries([{ ...own, apiKey: OWN_KEY }]), { jwtIssuers: [] })).toBeNull();
    const { jwtIssuers } = loadConfig({
      JWT_ALIAS: 'idp',
      JWT_JWKS_URL: 'https://idp.example/jwks',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'ledger',
      JWT_GRANT_ROLES: 'analyst',
      JWT_GRANT_UNITS: '*',
    });
    expect(nobodyCanAuthenticate(empty, { jwtIssuers })).toBeNull();
  });
});
