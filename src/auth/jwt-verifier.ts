/**
 * Bearer JWTs from the configured identity providers, verified with `jose`. The token's `iss`
 * picks the issuer (unverified, only to know which keys and rules apply); then everything is
 * checked against that issuer alone: signature by one of its keys, an algorithm from its
 * allow-list, its issuer and audience, `exp`, `sub` and `iat` present, the token no older than its
 * maximum age. What the token claims is then held to what that issuer may grant: its roles (403
 * ISSUER_MAY_NOT_GRANT beyond them) and its unit (one the issuer may name, and a unit the ledger
 * knows). The principal is named `jwt:<alias>:<sub>` (jwt-identity.ts).
 *
 * jose 5 is used, not 6: jose 6 ships ES modules only, which neither Nest's CommonJS build nor
 * Jest can require(); jose 5 ships both and is maintained for security fixes.
 */
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtIssuerConfig } from '../config/jwt-issuers';
import { ID_PATTERN } from '../http/id-param.pipe';
import { Clock } from '../shared/clock';
import { AuthKeysUnavailableError, ForbiddenError, UnauthenticatedError } from '../shared/errors';
import { ROLES, type Role } from '../shared/messages';
import { jwtActorId, subjectProblem } from './jwt-identity';
import { keySource, type KeyFileWarning } from './jwt-keys';
import type { Principal } from './principal-directory';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_NAME_LENGTH = 200;

/** Whether the ledger knows a unit (registered, active or not). */
export type KnownUnit = (unitId: string) => Promise<boolean>;

interface Issuer {
  config: JwtIssuerConfig;
  keys: JWTVerifyGetKey;
}

export class JwtVerifier {
  private readonly issuers: ReadonlyMap<string, Issuer>;
  /** Units found in the ledger. A unit is never unregistered (only deactivated), so once known it stays known. */
  private readonly knownUnits = new Set<string>();

  private constructor(
    issuers: readonly Issuer[],
    private readonly clock: Clock,
    private readonly knownUnit: KnownUnit,
  ) {
    this.issuers = new Map(issuers.map((issuer) => [issuer.config.issuer, issuer]));
  }

  static create(configs: readonly JwtIssuerConfig[], clock: Clock, knownUnit: KnownUnit, warn: KeyFileWarning): JwtVerifier {
    return new JwtVerifier(
      configs.map((config) => ({ config, keys: keySource(config, warn) })),
      clock,
      knownUnit,
    );
  }

  /** A JWT in compact form has three base64url parts; API keys are told apart by that shape. */
  static looksLikeJwt(credential: string): boolean {
    return COMPACT_JWS.test(credential);
  }

  async verify(token: string): Promise<Principal> {
    const issuer = this.issuerOf(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.config.issuer,
        audience: issuer.config.audience,
        algorithms: issuer.config.algorithms,
        requiredClaims: ['exp', 'sub', 'iat'],
        maxTokenAge: issuer.config.maxTokenAgeSeconds,
        clockTolerance: issuer.config.clockToleranceSeconds,
        currentDate: this.clock.now(),
      }));
    } catch (error) {
      if (error instanceof AuthKeysUnavailableError) throw error;
      throw new UnauthenticatedError(`Bearer token refused: ${reasonOf(error, issuer.config)}`, { reason: codeOf(error) });
    }
    return this.principalFrom(payload, issuer.config);
  }

  /** The configured issuer the token names, read before its signature is checked only to choose the keys to check it with. */
  private issuerOf(token: string): Issuer {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw new UnauthenticatedError('Bearer token refused: the token is malformed', { reason: 'ERR_JWT_INVALID' });
    }
    const issuer = typeof iss === 'string' ? this.issuers.get(iss) : undefined;
    if (!issuer) throw new UnauthenticatedError('Bearer token refused: its issuer (iss) is not one this service accepts', { reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    return issuer;
  }

  private async principalFrom(payload: JWTPayload, config: JwtIssuerConfig): Promise<Principal> {
    const sub = payload.sub as string;
    const problem = subjectProblem(config.alias, sub);
    if (problem) throw refused(problem);
    const unit = payload[config.unitClaim];
    if (!(unit === undefined || unit === null || (typeof unit === 'string' && ID_PATTERN.test(unit)))) {
      throw refused(`the ${config.unitClaim} claim must be a unit id`);
    }
    const roles = rolesFrom(payload[config.rolesClaim]);
    if (roles.length === 0) throw refused(`the ${config.rolesClaim} claim grants none of the roles ${ROLES.join(', ')}`);
    const unitId = typeof unit === 'string' ? unit : null;
    await this.assertGranted(config, roles, unitId);
    const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name : sub;
    return { id: jwtActorId(config.alias, sub), name: name.slice(0, MAX_NAME_LENGTH), unitId, roles };
  }

  /** The token is genuine; what it claims must still be within what its issuer may grant. */
  private async assertGranted(config: JwtIssuerConfig, roles: readonly Role[], unitId: string | null): Promise<void> {
    const { grants, alias } = config;
    const notGrantable = roles.filter((role) => !grants.roles.includes(role));
    if (notGrantable.length > 0) {
      throw new ForbiddenError('ISSUER_MAY_NOT_GRANT', `Issuer ${alias} may not grant the role(s) ${notGrantable.join(', ')}`, { issuer: alias, roles: notGrantable });
    }
    if (unitId === null) return;
    if (grants.units !== 'any' && !grants.units.includes(unitId)) {
      throw new ForbiddenError('ISSUER_MAY_NOT_GRANT', `Issuer ${alias} may not grant the unit ${unitId}`, { issuer: alias, unitId });
    }
    if (this.knownUnits.has(unitId)) return;
    if (!(await this.knownUnit(unitId))) {
      throw new ForbiddenError('ISSUER_MAY_NOT_GRANT', `The token names the unit ${unitId}, which the ledger does not know`, { issuer: alias, unitId, knownUnit: false });
    }
    this.knownUnits.add(unitId);
  }
}

/** Accepts an array of role names or a space-separated string (the OAuth `scope` style); names that are not our roles are ignored. */
function rolesFrom(claim: unknown): Role[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/\s+/) : [];
  return [...new Set(names.filter((name): name is Role => typeof name === 'string' && ROLES.includes(name as Role)))];
}

function refused(reason: string): UnauthenticatedError {
  return new UnauthenticatedError(`Bearer token refused: ${reason}`, { reason: 'ERR_JWT_CLAIMS' });
}

function codeOf(error: unknown): string {
  return error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWT_INVALID';
}

/** jose's messages name the failed check (expired, audience, algorithm) without echoing the token. */
function reasonOf(error: unknown, config: JwtIssuerConfig): string {
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === 'iat' ? `the token is older than issuer ${config.alias}'s maximum token age (${config.maxTokenAgeSeconds} s)` : 'the token has expired';
  }
  if (error instanceof joseErrors.JOSEError) return error.message;
  return 'the token is malformed';
}
