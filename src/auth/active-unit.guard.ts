/**
 * Keys of a deactivated unit cannot write. Checked here, for every command route, rather than in
 * each decider: it is a property of the caller, not of the aggregate being changed, and it must
 * hold for commands added later too. The unit's state is read from its own stream in the event
 * store (not the read models, which may lag), so a deactivation takes effect for the next request.
 * Reads stay open — GETs and POSTs marked `@ReadOnlyRoute()` — since the unit's history does not
 * stop being readable.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AggregateLookup } from '../indicators/write/aggregate-lookup';
import { ForbiddenError } from '../shared/errors';
import type { AuthenticatedRequest } from './bearer-auth.guard';
import { READ_ONLY_ROUTE } from './read-only-route.decorator';

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class ActiveUnitGuard implements CanActivate {
  constructor(
    private readonly aggregates: AggregateLookup,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const unitId = request.principal?.unitId;
    if (READ_METHODS.has(request.method) || !unitId || this.isReadOnly(context)) return true;
    const unit = await this.aggregates.unit(unitId);
    if (unit.exists && !unit.active) {
      throw new ForbiddenError('UNIT_DEACTIVATED', `Unit ${unitId} is deactivated; its keys can no longer write`, { unitId });
    }
    return true;
  }

  private isReadOnly(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(READ_ONLY_ROUTE, [context.getHandler(), context.getClass()]) === true;
  }
}
