/** `GET /indicators/{id}/integrity`: the indicator's hash chain, recomputed from the event store. */
import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../../http/id-param.pipe';
import { IndicatorIdParam } from '../../http/path-params';
import { Refuses } from '../../http/route-refusals';
import { ReadQueryDto } from '../../http/read-query.dto';
import { GetIndicatorIntegrityQuery } from './indicator-integrity.query';
import { INTEGRITY_SCHEMA } from '../audit-views.schema';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorIntegrityController {
  constructor(private readonly queryBus: QueryBus) {}

  // minPosition is accepted like on every query and always met: this answer comes from the event store itself.
  @Get(':id/integrity')
  @ApiOperation({
    summary: "Recompute the indicator's hash chain from the event store",
    description:
      'Answers `{ valid, events, headRevision, headHash, firstBrokenRevision, reason, explanation, break }`. Reasons: ' +
      '`REVISION_GAP` (an event deleted), `POSITION_ORDER` (reordered in the global log), `UNSEALED_EVENT`, ' +
      '`PREV_HASH_MISMATCH` (an event before it deleted, inserted or reordered), `HASH_MISMATCH` (edited), `UNREADABLE_EVENT`.',
  })
  @ApiOkResponse({ schema: INTEGRITY_SCHEMA })
  @IndicatorIdParam()
  @Refuses({ reads: ['event-store'], codes: { 404: ['INDICATOR_NOT_FOUND'] } })
  async integrity(@Param('id', IdParamPipe) id: string, @QueryParams() _query: ReadQueryDto) {
    return this.queryBus.execute(new GetIndicatorIntegrityQuery(id));
  }
}
