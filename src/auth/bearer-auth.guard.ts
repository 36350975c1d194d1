/**
 * Every route but the public ones needs `Authorization: Bearer <credential>`: an API key of a
 * known principal, or (when configured) a JWT from the departments' identity provider. 401 otherwise.
 */
import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http-exchange';
import { UnauthenticatedError } from '../shared/errors';
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
    @Optional() @Inject(JWT_VERIFIER) private readonly jwt: JwtVerifier | null = null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Send an API key or token as "Authorization: Bearer <credential>"');
    const credential = match[1];
    if (this.jwt && JwtVerifier.looksLikeJwt(credential)) {
      request.principal = await this.jwt.verify(credential);
      return true;
    }
    const principal = this.principals.authenticate(credential);
    if (!principal) throw new UnauthenticatedError('Unknown API key');
    request.principal = principal;
    return true;
  }
}
