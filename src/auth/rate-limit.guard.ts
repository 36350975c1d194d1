/**
 * Per-principal rate limits (@nestjs/throttler): one budget per principal across the whole API,
 * not per route, so a busy client cannot multiply its budget by spreading over endpoints. Callers
 * without a principal (the public health check) are counted by address. Over the limit: 429
 * RATE_LIMITED in our error shape, with Retry-After.
 *
 * Runs after authentication, so the principal is known; a request with a bad key is refused with
 * 401 before it is counted here (failed authentications have their own limit per client address,
 * failed-authentications.ts). A principal's id names its source (an API key's id, or
 * `jwt:<issuer>:<sub>`), so no token shares a key principal's budget, nor one issuer's user another's.
 */
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '../shared/errors';
import type { AuthenticatedRequest } from './bearer-auth.guard';

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as AuthenticatedRequest).principal;
    return principal ? `principal:${principal.id}` : `address:${String(req.ip)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(Math.max(1, Math.ceil(detail.timeToBlockExpire)), detail.limit, Math.ceil(detail.ttl / 1000));
  }
}
