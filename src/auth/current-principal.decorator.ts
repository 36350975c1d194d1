import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '../shared/errors';
import type { AuthenticatedRequest } from './bearer-auth.guard';
import type { Principal } from './principal-directory';

/** The authenticated principal of the request (the guard has put it there). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthenticatedError('Not authenticated');
  return principal;
});
