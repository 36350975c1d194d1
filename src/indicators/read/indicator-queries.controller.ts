/** The query side of the indicator API. Every route accepts `minPosition` to read its own writes. */
import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../../http/id-param.pipe';
import { ReadQueryDto } from '../../http/read-query.dto';
import { ReadModelFreshness } from '../../infrastructure/read-model-freshness';
import { GetIndicatorHistoryQuery, GetIndicatorQuery, ListIndicatorsQuery } from './indicator-queries';
import { ListIndicatorsQueryDto } from './list-indicators.query-dto';

@ApiTags('indicators: queries')
@ApiBearerAuth()
@ApiServiceUnavailableResponse({ description: 'minPosition not reached in time (PROJECTION_LAGGING); retry after Retry-After.' })
@Controller('indicators')
export class IndicatorQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Indicators and tasks with current targets, latest values and status' })
  async list(@QueryParams() query: ListIndicatorsQueryDto) {
    const { minPosition, ...filters } = query;
    await this.freshness.waitFor(minPosition);
    return this.queryBus.execute(new ListIndicatorsQuery(filters));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One indicator as it stands now' })
  async get(@Param('id', IdParamPipe) id: string, @QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetIndicatorQuery(id));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The full audit timeline, oldest first: who, when, why, before → after' })
  async history(@Param('id', IdParamPipe) id: string, @QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetIndicatorHistoryQuery(id));
  }
}
