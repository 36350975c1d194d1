/** Every route needs `Authorization: Bearer <api key>` of a known principal; 401 otherwise. */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthenticatedError } from '../shared/errors';
import { PrincipalDirectory, type Principal } from './principal-directory';

export type AuthenticatedRequest = Request & { principal?: Principal };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly principals: PrincipalDirectory) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Send an API key as "Authorization: Bearer <key>"');
    const principal = this.principals.authenticate(match[1]);
    if (!principal) throw new UnauthenticatedError('Unknown API key');
    request.principal = principal;
    return true;
  }
}
