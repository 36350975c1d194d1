/** The resolution being tracked: issuing body, year, parent resolution, theme, and what hangs on it. */
import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../../http/id-param.pipe';
import { ResolutionIdParam } from '../../http/path-params';
import { Refuses } from '../../http/route-refusals';
import { ReadQueryDto } from '../../http/read-query.dto';
import { ReadModelFreshness } from '../../infrastructure/read-model-freshness';
import { GetResolutionQuery, ListResolutionsQuery } from './resolution-queries';
import { RESOLUTION_LIST_SCHEMA, RESOLUTION_SCHEMA } from './resolution-view.schema';

@ApiTags('resolutions')
@ApiBearerAuth()
@Controller('resolutions')
export class ResolutionsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The resolutions the ledger tracks' })
  @ApiOkResponse({ schema: RESOLUTION_LIST_SCHEMA })
  @Refuses({ reads: ['read-models'] })
  async list(@QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new ListResolutionsQuery());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One resolution: issuing body, year, parent resolution, theme, its indicators and tasks' })
  @ApiOkResponse({ schema: RESOLUTION_SCHEMA })
  @ResolutionIdParam()
  @Refuses({ reads: ['read-models'], codes: { 404: ['RESOLUTION_NOT_FOUND'] } })
  async get(@Param('id', IdParamPipe) id: string, @QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetResolutionQuery(id));
  }
}
