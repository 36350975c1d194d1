/** The ledger-wide audit digest and its later verification. */
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Refuses } from '../../http/route-refusals';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal-directory';
import { AUDIT_READER_ROLES, requireAuditReader } from '../audit-roles';
import { GetAuditDigestQuery, VerifyAuditDigestQuery } from './audit-digest.queries';
import { AuditDigestQueryDto, VerifyAuditDigestQueryDto } from './audit-digest.query-dto';
import { DIGEST_SCHEMA, DIGEST_VERIFICATION_SCHEMA } from '../audit-views.schema';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/digest')
export class AuditDigestController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'One digest over every stream head as of a global position',
    description:
      `Only ${AUDIT_READER_ROLES.join(', ')}. ` +
      'RFC 6962 Merkle root (SHA-256) over the sorted leaves `stream:revision:headHash`. Write it down or sign it with its ' +
      '`position`; `GET /audit/digest/verify` later proves that nothing at or before that position changed.',
  })
  @ApiOkResponse({ schema: DIGEST_SCHEMA })
  @Refuses({ reads: ['event-store'], codes: { 403: ['ROLE_NOT_ALLOWED'], 422: ['POSITION_NOT_REACHED'], 500: ['EVENT_STORE_UNREADABLE'] } })
  async digest(@QueryParams() query: AuditDigestQueryDto, @CurrentPrincipal() principal: Principal) {
    requireAuditReader(principal, 'the audit digest');
    return this.queryBus.execute(new GetAuditDigestQuery(query.position));
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Check a digest taken earlier against the store as it is today',
    description:
      `Only ${AUDIT_READER_ROLES.join(', ')}. ` +
      'Recomputes every chain and the digest over the heads as of `position` (only events at or below it). ' +
      '`valid` is false with `reason` `CHAIN_BROKEN` (see `brokenStreams`) or `DIGEST_MISMATCH` (a stream cut short, removed or re-hashed).',
  })
  @ApiOkResponse({ schema: DIGEST_VERIFICATION_SCHEMA })
  @Refuses({ reads: ['event-store'], codes: { 403: ['ROLE_NOT_ALLOWED'], 500: ['EVENT_STORE_UNREADABLE'] } })
  async verify(@QueryParams() query: VerifyAuditDigestQueryDto, @CurrentPrincipal() principal: Principal) {
    requireAuditReader(principal, 'the audit digest');
    return this.queryBus.execute(new VerifyAuditDigestQuery(query.digest, query.position));
  }
}
