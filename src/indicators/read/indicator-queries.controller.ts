/** The query side of the indicator API. Every route accepts `minPosition` to read its own writes. */
import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../../http/id-param.pipe';
import { parseIsoInstant } from '../../http/iso-instant';
import { IndicatorIdParam } from '../../http/path-params';
import { Refuses } from '../../http/route-refusals';
import { ReadModelFreshness } from '../../infrastructure/read-model-freshness';
import { GetIndicatorHistoryQuery, GetIndicatorQuery, ListIndicatorsQuery, type IndicatorHistoryPage, type IndicatorList } from './indicator-queries';
import { ListIndicatorsQueryDto } from './list-indicators.query-dto';
import { GetIndicatorAsOfQuery } from './as-of/indicator-as-of.query';
import { GetIndicatorQueryDto } from './get-indicator.query-dto';
import { IndicatorHistoryQueryDto } from './indicator-history.query-dto';
import { HISTORY_PAGE_SCHEMA, INDICATOR_AS_OF_SCHEMA, INDICATOR_LIST_SCHEMA } from './indicator-view.schema';

@ApiTags('indicators: queries')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Indicators and tasks with current targets, latest values and status' })
  @ApiOkResponse({ schema: INDICATOR_LIST_SCHEMA })
  @Refuses({ reads: ['read-models'] })
  async list(@QueryParams() query: ListIndicatorsQueryDto): Promise<IndicatorList> {
    const { minPosition, ...filters } = query;
    await this.freshness.waitFor(minPosition);
    return this.queryBus.execute(new ListIndicatorsQuery(filters));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One indicator as it stands now, or as it was known at a moment (`asOf`)',
    description:
      '`asOf` replays the stream from the event store up to that recorded time (a report filed later is not in it, ' +
      'whatever period it is for); 404 `INDICATOR_NOT_YET_REGISTERED` before the indicator was registered.',
  })
  @ApiOkResponse({ schema: INDICATOR_AS_OF_SCHEMA })
  @IndicatorIdParam()
  @Refuses({ reads: ['read-models', 'event-store'], codes: { 404: ['INDICATOR_NOT_FOUND', 'INDICATOR_NOT_YET_REGISTERED'] } })
  async get(@Param('id', IdParamPipe) id: string, @QueryParams() query: GetIndicatorQueryDto) {
    const asOf = parseIsoInstant(query.asOf);
    // The as-of answer comes from the event store, which is always current: no read model to wait for.
    if (asOf) return this.queryBus.execute(new GetIndicatorAsOfQuery(id, asOf));
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetIndicatorQuery(id));
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'The audit timeline: who, when, why, before → after; oldest first',
    description:
      'Filters `from`/`to` (recorded time), `type`, `actor`, `unit` (the actor’s unit); position cursors `beforePosition`/`afterPosition`; ' +
      'pages with `limit`, `offset`, `order`; answers `{ items, total, limit, offset, order }`.',
  })
  @ApiOkResponse({ schema: HISTORY_PAGE_SCHEMA })
  @IndicatorIdParam()
  @Refuses({ reads: ['read-models'], codes: { 400: ['INVALID_RANGE'], 404: ['INDICATOR_NOT_FOUND'] } })
  async history(@Param('id', IdParamPipe) id: string, @QueryParams() query: IndicatorHistoryQueryDto): Promise<IndicatorHistoryPage> {
    const { minPosition, limit, offset, order, type, ...criteria } = query;
    await this.freshness.waitFor(minPosition);
    return this.queryBus.execute(new GetIndicatorHistoryQuery(id, { ...criteria, types: type }, { limit, offset, order }));
  }
}
