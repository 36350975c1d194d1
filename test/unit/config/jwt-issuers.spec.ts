/** How JWT issuers are configured: several as a JSON list, one with the JWT_* variables; what is refused at start. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config';

const entry = {
  alias: 'bhxh',
  issuer: 'https://idp.bhxh.halong.gov.vn',
  audience: 'resolution-ledger',
  jwksUrl: 'https://idp.bhxh.halong.gov.vn/certs',
  grants: { roles: ['reporter'], units: ['bao-hiem-xa-hoi-thanh-pho'] },
};
const single = {
  JWT_ALIAS: 'sso',
  JWT_ISSUER: 'https://sso.halong.gov.vn/realms/city',
  JWT_AUDIENCE: 'resolution-ledger',
  JWT_JWKS_URL: 'https://sso.halong.gov.vn/realms/city/certs',
  JWT_GRANT_ROLES: 'reporter, analyst',
  JWT_GRANT_UNITS: '*',
};
const issuersOf = (list: unknown) => loadConfig({ JWT_ISSUERS_JSON: JSON.stringify(list) }).jwtIssuers;

describe('JWT issuers', () => {
  it('are off with nothing configured', () => {
    expect(loadConfig({}).jwtIssuers).toEqual([]);
  });

  it('reads one issuer from the JWT_* variables, with its grants, a maximum token age of an hour by default, and RS256/ES256', () => {
    expect(loadConfig(single).jwtIssuers).toEqual([
      {
        alias: 'sso',
        issuer: single.JWT_ISSUER,
        audience: 'resolution-ledger',
        algorithms: ['RS256', 'ES256'],
        jwksUrl: single.JWT_JWKS_URL,
        rolesClaim: 'roles',
        unitClaim: 'unit_id',
        clockToleranceSeconds: 30,
        maxTokenAgeSeconds: 3600,
        grants: { roles: ['reporter', 'analyst'], units: 'any' },
      },
    ]);
    expect(loadConfig({ ...single, JWT_MAX_TOKEN_AGE_S: '300', JWT_GRANT_UNITS: 'phong-kinh-te,phong-y-te' }).jwtIssuers[0]).toMatchObject({
      maxTokenAgeSeconds: 300,
      grants: { units: ['phong-kinh-te', 'phong-y-te'] },
    });
  });

  it('reads several from a file, key files relative to it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-issuers-'));
    try {
      const file = path.join(dir, 'issuers.json');
      fs.writeFileSync(file, JSON.stringify([entry, { ...entry, alias: 'city', issuer: 'https://sso.halong.gov.vn', jwksUrl: undefined, jwksFile: 'keys/city.json', grants: { roles: ['coordinator'], units: '*' } }]));
      const [bhxh, city] = loadConfig({ JWT_ISSUERS_FILE: file }).jwtIssuers;
      expect(bhxh).toMatchObject({ alias: 'bhxh', jwksUrl: entry.jwksUrl, grants: entry.grants });
      expect(city).toMatchObject({ alias: 'city', jwksFile: path.join(dir, 'keys', 'city.json'), grants: { roles: ['coordinator'], units: 'any' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a plain-http JWKS URL to another host', [{ ...entry, jwksUrl: 'http://idp.bhxh.halong.gov.vn/certs' }], /jwksUrl must be an https:\/\/ URL/],
    ['no grants', [{ ...entry, grants: undefined }], /grants is required/],
    ['a role that does not exist', [{ ...entry, grants: { roles: ['admin'], units: '*' } }], /grants\.roles/],
    ['no units', [{ ...entry, grants: { roles: ['reporter'], units: [] } }], /grants\.units/],
    ['a unit that is not an id', [{ ...entry, grants: { roles: ['reporter'], units: ['Phòng Y tế'] } }], /grants\.units/],
    ['an alias with a colon', [{ ...entry, alias: 'bhxh:1' }], /alias must be/],
    ['two issuers with one alias', [entry, { ...entry, issuer: 'https://other.example' }], /alias or the issuer of issuer #0/],
    ['two entries for one issuer', [entry, { ...entry, alias: 'other' }], /alias or the issuer of issuer #0/],
    ['two key sources', [{ ...entry, jwksFile: 'keys.json' }], /exactly one key source/],
    ['an HMAC algorithm', [{ ...entry, algorithms: ['HS256'] }], /algorithms must list/],
    ['a maximum token age of a week', [{ ...entry, maxTokenAgeSeconds: 604800 }], /maxTokenAgeSeconds must be a whole number between 1 and 86400/],
    ['something that is not a list', { ...entry }, /JSON array/],
  ])('refuses %s at start', (_, list, message) => {
    expect(() => issuersOf(list)).toThrow(ConfigError);
    expect(() => issuersOf(list)).toThrow(message);
  });

  it('accepts plain http to a loopback address only (a key server beside the service)', () => {
    expect(issuersOf([{ ...entry, jwksUrl: 'http://127.0.0.1:8080/certs' }])[0].jwksUrl).toBe('http://127.0.0.1:8080/certs');
    expect(issuersOf([{ ...entry, jwksUrl: 'http://localhost:8080/certs' }])[0].jwksUrl).toBe('http://localhost:8080/certs');
    expect(() => issuersOf([{ ...entry, jwksUrl: 'http://10.0.0.5/certs' }])).toThrow(/https/);
  });

  it('refuses the JWT_* variables without what they must say, and two ways at once', () => {
    expect(() => loadConfig({ ...single, JWT_ALIAS: '' })).toThrow(/JWT_ALIAS is required/);
    expect(() => loadConfig({ ...single, JWT_GRANT_ROLES: '' })).toThrow(/JWT_GRANT_ROLES must list/);
    expect(() => loadConfig({ ...single, JWT_GRANT_UNITS: '' })).toThrow(/JWT_GRANT_UNITS must list/);
    expect(() => loadConfig({ ...single, JWT_JWKS_URL: 'http://sso.halong.gov.vn/certs' })).toThrow(/JWT_JWKS_URL must be an https/);
    expect(() => loadConfig({ ...single, JWT_MAX_TOKEN_AGE_S: 'an hour' })).toThrow(/JWT_MAX_TOKEN_AGE_S must be a whole number/);
    expect(() => loadConfig({ ...single, JWT_ISSUERS_JSON: '[]' })).toThrow(/one way/);
    expect(() => loadConfig({ JWT_ISSUERS_JSON: '[{' })).toThrow(/not valid JSON/);
  });
});
