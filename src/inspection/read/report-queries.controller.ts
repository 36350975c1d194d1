/**
 * Reading the inspection queries. Open to every key, like the indicator itself (which shows its
 * open queries): the responsible units must see what they are asked, the standing committee and
 * analysts follow the committee's work, and nothing here is not already on the indicator's history.
 */
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Refuses } from '../../http/route-refusals';
import { ReadModelFreshness } from '../../infrastructure/read-model-freshness';
import { ListReportQueriesDto, ListReportQueriesQuery } from './list-report-queries';
import { REPORT_QUERIES_LIST_SCHEMA } from './inspection-views.schema';

@ApiTags('inspection: queries on reports')
@ApiBearerAuth()
@Controller('audit/queries')
export class ReportQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Queries on reports, oldest first; filter by status (open, answered, closed), indicator, unit' })
  @ApiOkResponse({ schema: REPORT_QUERIES_LIST_SCHEMA })
  @Refuses({ reads: ['read-models'] })
  async list(@QueryParams() query: ListReportQueriesDto) {
    const { minPosition, ...filters } = query;
    await this.freshness.waitFor(minPosition);
    return this.queryBus.execute(new ListReportQueriesQuery(filters));
  }
}
