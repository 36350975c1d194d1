/**
 * Every route but the public ones needs `Authorization: Bearer <credential>`: an API key of a
 * known principal, or (when issuers are configured) a JWT from one of them. 401 otherwise.
 *
 * Before any credential is looked at, the client address must not have failed too often
 * (failed-authentications.ts: 429 AUTHENTICATION_THROTTLED); every 401 counts as a failure. The
 * answer to an authenticated route is never stored by a cache (`Cache-Control: no-store`): it is
 * one principal's view, and may hold what another must not see.
 */
import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest, HttpResponse } from '../http/http-exchange';
import { recordPrincipalId } from '../http/request-principal';
import { UnauthenticatedError } from '../shared/errors';
import { FailedAuthentications } from './failed-authentications';
import { JwtVerifier } from './jwt-verifier';
import { PrincipalDirectory, type Principal } from './principal-directory';
import { PUBLIC_ROUTE } from './public-route.decorator';

export type AuthenticatedRequest = HttpRequest & { principal?: Principal };

export const JWT_VERIFIER = Symbol('JwtVerifier');

@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly principals: PrincipalDirectory,
    private readonly reflector: Reflector,
    private readonly failures: FailedAuthentications,
    @Optional() @Inject(JWT_VERIFIER) private readonly jwt: JwtVerifier | null = null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    context.switchToHttp().getResponse<HttpResponse>().header('Cache-Control', 'no-store');
    const address = String(request.ip);
    this.failures.assertAllowed(address);
    try {
      request.principal = await this.authenticate(request);
    } catch (error) {
      if (error instanceof UnauthenticatedError) this.failures.recordFailure(address);
      throw error;
    }
    recordPrincipalId(request.raw, request.principal.id);
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Send an API key or token as "Authorization: Bearer <credential>"');
    const credential = match[1];
    if (this.jwt && JwtVerifier.looksLikeJwt(credential)) return this.jwt.verify(credential);
    const principal = this.principals.authenticate(credential);
    if (!principal) throw new UnauthenticatedError('Unknown API key');
    return principal;
  }
}
