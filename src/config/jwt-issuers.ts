/**
 * The identity providers whose bearer JWTs the service accepts, and what each may grant.
 *
 * Several issuers are configured as a JSON list (JWT_ISSUERS_FILE, or JWT_ISSUERS_JSON inline);
 * a deployment with one issuer may instead set the JWT_* variables, which describe one entry of
 * that list. Each issuer has:
 * - an `alias`, the short name its identities are recorded under (`jwt:<alias>:<sub>`), so that a
 *   token can never act as an API-key principal nor as another issuer's user;
 * - its `grants`: the roles its tokens may carry and the units they may name (`"*"`: any known
 *   unit). A department's provider that may only grant `reporter` for its own unit cannot mint a
 *   `standing_committee`;
 * - a maximum token age (`iat` is required), so a token issued for a century still dies young;
 * - exactly one key source: a PEM public key file or a JWKS file (both read again when they
 *   change), or a JWKS URL, which must be `https` (plain `http` only to a loopback address, where
 *   the keys do not cross a network).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ID_PATTERN } from '../http/id-param.pipe';
import { ROLES, type Role } from '../shared/messages';

/** Asymmetric algorithms only: a shared HMAC secret would let every verifier mint tokens, and `none` is never accepted. */
export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** Short, lower-case, no `:` (it is a segment of the actor id `jwt:<alias>:<sub>`). */
export const ISSUER_ALIAS_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 3600;
const MAX_MAX_TOKEN_AGE_SECONDS = 86_400;

export interface JwtGrants {
  /** The roles this issuer's tokens may carry; a token claiming any other known role is refused. */
  roles: Role[];
  /** The unit ids its tokens may name, or 'any' (configured as "*") for any known unit. */
  units: string[] | 'any';
}

export interface JwtIssuerConfig {
  alias: string;
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Exactly one key source: a PEM public key (SPKI), a JWKS file, or a JWKS URL. */
  publicKeyFile?: string;
  jwksFile?: string;
  jwksUrl?: string;
  rolesClaim: string;
  unitClaim: string;
  clockToleranceSeconds: number;
  /** A token whose `iat` is older than this is refused, whatever its `exp` says. */
  maxTokenAgeSeconds: number;
  grants: JwtGrants;
}

export class JwtIssuerConfigError extends Error {}

/** The issuers the environment configures: the JSON list, or the one issuer of the JWT_* variables, or none. */
export function jwtIssuersConfig(env: NodeJS.ProcessEnv): JwtIssuerConfig[] {
  const single = SINGLE_ISSUER_VARIABLES.some((name) => env[name]);
  const file = env.JWT_ISSUERS_FILE;
  const inline = env.JWT_ISSUERS_JSON;
  const given = [single, !!file, !!inline].filter(Boolean).length;
  if (given > 1) throw new JwtIssuerConfigError('Configure JWT issuers one way: JWT_ISSUERS_FILE, JWT_ISSUERS_JSON, or the JWT_* variables of a single issuer');
  if (file) return issuerList(readJson(file), path.dirname(path.resolve(file)), `JWT_ISSUERS_FILE ${file}`);
  if (inline) return issuerList(parseJson(inline, 'JWT_ISSUERS_JSON'), process.cwd(), 'JWT_ISSUERS_JSON');
  if (single) return [singleIssuer(env)];
  return [];
}

function singleIssuer(env: NodeJS.ProcessEnv): JwtIssuerConfig {
  const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const units = list(env.JWT_GRANT_UNITS);
  return issuerEntry(
    {
      alias: env.JWT_ALIAS,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ...(env.JWT_ALGORITHMS === undefined ? {} : { algorithms: list(env.JWT_ALGORITHMS) }),
      ...(env.JWT_PUBLIC_KEY_FILE ? { publicKeyFile: env.JWT_PUBLIC_KEY_FILE } : {}),
      ...(env.JWT_JWKS_FILE ? { jwksFile: env.JWT_JWKS_FILE } : {}),
      ...(env.JWT_JWKS_URL ? { jwksUrl: env.JWT_JWKS_URL } : {}),
      rolesClaim: env.JWT_ROLES_CLAIM,
      unitClaim: env.JWT_UNIT_CLAIM,
      clockToleranceSeconds: numberOrUndefined(env.JWT_CLOCK_TOLERANCE_S),
      maxTokenAgeSeconds: numberOrUndefined(env.JWT_MAX_TOKEN_AGE_S),
      grants: { roles: list(env.JWT_GRANT_ROLES), units: units.length === 1 && units[0] === '*' ? '*' : units },
    },
    process.cwd(),
    'The JWT_* issuer',
    ENV_NAMES,
  );
}

/** The variables of the one-issuer form; any of them set selects it (and the others it needs are then required). */
const SINGLE_ISSUER_VARIABLES = [
  'JWT_ALIAS',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'JWT_ALGORITHMS',
  'JWT_PUBLIC_KEY_FILE',
  'JWT_JWKS_FILE',
  'JWT_JWKS_URL',
  'JWT_ROLES_CLAIM',
  'JWT_UNIT_CLAIM',
  'JWT_CLOCK_TOLERANCE_S',
  'JWT_MAX_TOKEN_AGE_S',
  'JWT_GRANT_ROLES',
  'JWT_GRANT_UNITS',
];

/** How each field is named when it comes from the JWT_* variables, for messages. */
const ENV_NAMES: Record<string, string> = {
  alias: 'JWT_ALIAS',
  issuer: 'JWT_ISSUER',
  audience: 'JWT_AUDIENCE',
  algorithms: 'JWT_ALGORITHMS',
  keys: 'JWT_PUBLIC_KEY_FILE, JWT_JWKS_FILE or JWT_JWKS_URL',
  jwksUrl: 'JWT_JWKS_URL',
  rolesClaim: 'JWT_ROLES_CLAIM',
  unitClaim: 'JWT_UNIT_CLAIM',
  clockToleranceSeconds: 'JWT_CLOCK_TOLERANCE_S',
  maxTokenAgeSeconds: 'JWT_MAX_TOKEN_AGE_S',
  'grants.roles': 'JWT_GRANT_ROLES',
  'grants.units': 'JWT_GRANT_UNITS',
};

function issuerList(value: unknown, baseDir: string, source: string): JwtIssuerConfig[] {
  if (!Array.isArray(value)) throw new JwtIssuerConfigError(`${source} must hold a JSON array of issuers`);
  const issuers = value.map((entry, index) => issuerEntry(entry, baseDir, `${source}: issuer #${index}`));
  for (const [index, issuer] of issuers.entries()) {
    const earlier = issuers.findIndex((other) => other.alias === issuer.alias || other.issuer === issuer.issuer);
    if (earlier < index) {
      // One alias for two issuers would make their users one identity; one `iss` for two entries would make the grants ambiguous.
      throw new JwtIssuerConfigError(`${source}: issuer #${index} has the alias or the issuer of issuer #${earlier}; each must be unique`);
    }
  }
  return issuers;
}

function issuerEntry(raw: unknown, baseDir: string, where: string, names: Record<string, string> = {}): JwtIssuerConfig {
  const name = (field: string) => names[field] ?? field;
  const fail = (field: string, problem: string): never => {
    throw new JwtIssuerConfigError(`${where}: ${name(field)} ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new JwtIssuerConfigError(`${where} is not an object`);
  const entry = raw as Record<string, unknown>;
  const text = (field: string): string => (typeof entry[field] === 'string' && (entry[field] as string).trim() ? (entry[field] as string) : fail(field, 'is required'));

  const alias = text('alias');
  if (!ISSUER_ALIAS_PATTERN.test(alias)) fail('alias', `must be 1–32 lower-case letters, digits or "-" (it is recorded in actor ids), got ${JSON.stringify(alias)}`);
  const algorithms = entry.algorithms === undefined ? ['RS256', 'ES256'] : entry.algorithms;
  const unknownAlgorithms = Array.isArray(algorithms) ? algorithms.filter((a) => !(JWT_ALGORITHMS as readonly unknown[]).includes(a)) : [algorithms];
  if (!Array.isArray(algorithms) || algorithms.length === 0 || unknownAlgorithms.length > 0) {
    fail('algorithms', `must list some of ${JWT_ALGORITHMS.join(', ')}; refused: ${unknownAlgorithms.map(String).join(', ') || '(none given)'}`);
  }
  return {
    alias,
    issuer: text('issuer'),
    audience: text('audience'),
    algorithms: algorithms as string[],
    ...keySource(entry, baseDir, fail),
    rolesClaim: optionalText(entry, 'rolesClaim', 'roles', fail),
    unitClaim: optionalText(entry, 'unitClaim', 'unit_id', fail),
    clockToleranceSeconds: wholeNumber(entry.clockToleranceSeconds, 30, 0, 600, (problem) => fail('clockToleranceSeconds', problem)),
    maxTokenAgeSeconds: wholeNumber(entry.maxTokenAgeSeconds, DEFAULT_MAX_TOKEN_AGE_SECONDS, 1, MAX_MAX_TOKEN_AGE_SECONDS, (problem) => fail('maxTokenAgeSeconds', problem)),
    grants: grants(entry.grants, fail),
  };
}

type Fail = (field: string, problem: string) => never;

function keySource(entry: Record<string, unknown>, baseDir: string, fail: Fail): Pick<JwtIssuerConfig, 'publicKeyFile' | 'jwksFile' | 'jwksUrl'> {
  const given = (['publicKeyFile', 'jwksFile', 'jwksUrl'] as const).filter((field) => entry[field] !== undefined);
  if (given.length !== 1) return fail('keys', 'must be exactly one key source: publicKeyFile, jwksFile or jwksUrl');
  const [field] = given;
  const value = entry[field];
  if (typeof value !== 'string' || !value.trim()) return fail(field, 'must be a non-empty string');
  if (field !== 'jwksUrl') return { [field]: path.resolve(baseDir, value) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('jwksUrl', `is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    // Keys fetched over plain HTTP can be replaced on the way, and with them every identity the issuer vouches for.
    fail('jwksUrl', `must be an https:// URL (plain http:// only to a loopback address), got ${url.protocol}//${url.host}`);
  }
  return { jwksUrl: url.toString() };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

function grants(raw: unknown, fail: Fail): JwtGrants {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('grants', 'is required: { "roles": [...], "units": [...] or "*" }');
  const { roles, units } = raw as { roles?: unknown; units?: unknown };
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => ROLES.includes(role as Role))) {
    fail('grants.roles', `must list the roles this issuer may grant, among ${ROLES.join(', ')}; got ${JSON.stringify(roles ?? null)}`);
  }
  if (units === '*') return { roles: [...new Set(roles as Role[])], units: 'any' };
  if (!Array.isArray(units) || units.length === 0 || !units.every((unit) => typeof unit === 'string' && ID_PATTERN.test(unit))) {
    fail('grants.units', `must list the unit ids this issuer may name, or be "*" for any known unit; got ${JSON.stringify(units ?? null)}`);
  }
  return { roles: [...new Set(roles as Role[])], units: [...new Set(units as string[])] };
}

function optionalText(entry: Record<string, unknown>, field: string, fallback: string, fail: Fail): string {
  const value = entry[field];
  if (value === undefined || value === '') return fallback;
  return typeof value === 'string' ? value : fail(field, 'must be a string');
}

function wholeNumber(raw: unknown, fallback: number, min: number, max: number, fail: (problem: string) => never): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) return fail(`must be a whole number between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  return raw;
}

/** A number from an environment variable, or the text itself so the check above names it as it was given. */
function numberOrUndefined(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new JwtIssuerConfigError(`Cannot read JWT_ISSUERS_FILE ${file}: ${(error as Error).message}`);
  }
  return parseJson(text, `JWT_ISSUERS_FILE ${file}`);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JwtIssuerConfigError(`${source} is not valid JSON`);
  }
}
