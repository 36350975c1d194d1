/** The global audit log across every stream. */
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Refuses } from '../../http/route-refusals';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal-directory';
import { ReadModelFreshness } from '../../infrastructure/read-model-freshness';
import { AUDIT_READER_ROLES, requireAuditReader } from '../audit-roles';
import { ListAuditEventsQuery, type AuditLogPage } from './audit-log.query';
import { AuditLogQueryDto } from './audit-log.query-dto';
import { AUDIT_EVENTS_PAGE_SCHEMA } from '../audit-views.schema';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/events')
export class AuditLogController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every event of every stream: who, when, what, under which decision; newest first',
    description:
      `Only ${AUDIT_READER_ROLES.join(', ')}. ` +
      'Filters `from`/`to` (recorded time), `type`, `actor`, `unit` (the actor’s unit); position cursors `beforePosition`/`afterPosition` ' +
      '(pages that events stored meanwhile do not shift); pages with `limit` (default 100), `offset`, `order` (`desc` by default); ' +
      'answers `{ items, total, limit, offset, order }`.',
  })
  @ApiOkResponse({ schema: AUDIT_EVENTS_PAGE_SCHEMA })
  @Refuses({ reads: ['read-models'], codes: { 400: ['INVALID_RANGE'], 403: ['ROLE_NOT_ALLOWED'] } })
  async list(@QueryParams() query: AuditLogQueryDto, @CurrentPrincipal() principal: Principal): Promise<AuditLogPage> {
    requireAuditReader(principal, 'the audit log');
    const { minPosition, limit, offset, order, type, ...criteria } = query;
    await this.freshness.waitFor(minPosition);
    return this.queryBus.execute(new ListAuditEventsQuery({ ...criteria, types: type }, { limit, offset, order }));
  }
}
