/**
 * Bearer JWTs from a department's identity provider, verified with `jose`: signature by a
 * configured public key (PEM or JWKS), an algorithm from the allow-list, the configured issuer
 * and audience, and an expiry that has not passed. Roles and unit come from claims.
 *
 * jose 5 is used, not 6: jose 6 ships ES modules only, which neither Nest's CommonJS build nor
 * Jest can require(); jose 5 ships both and is maintained for security fixes.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from '../config/config';
import { Clock } from '../shared/clock';
import { AuthKeysUnavailableError, UnauthenticatedError } from '../shared/errors';
import { ROLES, type Role } from '../shared/messages';
import type { Principal } from './principal-directory';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_CLAIM_LENGTH = 200;

export class JwtConfigError extends Error {}

export class JwtVerifier {
  private constructor(
    private readonly config: JwtConfig,
    private readonly key: KeyObject | JWTVerifyGetKey,
    private readonly clock: Clock,
  ) {}

  static create(config: JwtConfig, clock: Clock): JwtVerifier {
    return new JwtVerifier(config, keySource(config), clock);
  }

  /** A JWT in compact form has three base64url parts; API keys are told apart by that shape. */
  static looksLikeJwt(credential: string): boolean {
    return COMPACT_JWS.test(credential);
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as KeyObject, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: this.config.clockToleranceSeconds,
        currentDate: this.clock.now(),
      }));
    } catch (error) {
      if (error instanceof AuthKeysUnavailableError) throw error;
      throw new UnauthenticatedError(`Bearer token refused: ${reasonOf(error)}`, { reason: codeOf(error) });
    }
    return this.principalFrom(payload);
  }

  private principalFrom(payload: JWTPayload): Principal {
    const sub = payload.sub as string;
    const unit = payload[this.config.unitClaim];
    const roles = rolesFrom(payload[this.config.rolesClaim]);
    const name = typeof payload.name === 'string' ? payload.name : sub;
    if (sub.length === 0 || sub.length > MAX_CLAIM_LENGTH) throw refused('the sub claim must be 1–200 characters');
    if (!(unit === undefined || unit === null || (typeof unit === 'string' && unit.length <= MAX_CLAIM_LENGTH))) {
      throw refused(`the ${this.config.unitClaim} claim must be a unit id`);
    }
    if (roles.length === 0) throw refused(`the ${this.config.rolesClaim} claim grants none of the roles ${ROLES.join(', ')}`);
    return { id: sub, name: name.slice(0, MAX_CLAIM_LENGTH), unitId: typeof unit === 'string' ? unit : null, roles };
  }
}

/** Accepts an array of role names or a space-separated string (the OAuth `scope` style); unknown names are ignored. */
function rolesFrom(claim: unknown): Role[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/\s+/) : [];
  return [...new Set(names.filter((name): name is Role => typeof name === 'string' && ROLES.includes(name as Role)))];
}

function keySource(config: JwtConfig): KeyObject | JWTVerifyGetKey {
  if (config.publicKeyFile) {
    try {
      return createPublicKey(fs.readFileSync(config.publicKeyFile, 'utf8'));
    } catch (error) {
      throw new JwtConfigError(`JWT_PUBLIC_KEY_FILE ${config.publicKeyFile} is not a readable PEM public key: ${(error as Error).message}`);
    }
  }
  if (config.jwksFile) {
    try {
      return createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksFile, 'utf8')));
    } catch (error) {
      throw new JwtConfigError(`JWT_JWKS_FILE ${config.jwksFile} is not a readable JWKS: ${(error as Error).message}`);
    }
  }
  if (config.jwksUrl) return remoteKeySet(new URL(config.jwksUrl));
  throw new JwtConfigError('No JWT key source configured');
}

/**
 * The identity provider's key endpoint, fetched and cached by jose (fetched again for an unknown
 * `kid`). Not finding the token's key in the set is a verdict on the token (401); not getting the
 * set at all (refused, timed out, not 200, not a key set) says nothing about the token, so it is
 * AuthKeysUnavailableError (503), which the client may retry.
 */
function remoteKeySet(url: URL): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(url);
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (isVerdictOnToken(error)) throw error;
      throw new AuthKeysUnavailableError(error instanceof joseErrors.JOSEError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ERR_JWKS_FETCH'));
    }
  };
}

function isVerdictOnToken(error: unknown): boolean {
  return (
    error instanceof joseErrors.JWKSNoMatchingKey ||
    error instanceof joseErrors.JWKSMultipleMatchingKeys ||
    error instanceof joseErrors.JOSENotSupported ||
    error instanceof joseErrors.JOSEAlgNotAllowed
  );
}

function refused(reason: string): UnauthenticatedError {
  return new UnauthenticatedError(`Bearer token refused: ${reason}`, { reason: 'ERR_JWT_CLAIMS' });
}

function codeOf(error: unknown): string {
  return error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWT_INVALID';
}

/** jose's messages name the failed check (expired, audience, algorithm) without echoing the token. */
function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JOSEError) return error.message;
  return 'the token is malformed';
}
