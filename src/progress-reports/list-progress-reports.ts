/**
 * `GET /progress-reports`: the reports themselves, from the `progress_reports` read model — each
 * with its original and current value, its corrections and every document cited for it.
 * `hasEvidence=false` is the inspector's list of figures no document backs.
 */
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { ProgressReportDocument } from '../../projections/progress-reports';
import { PERIOD_PATTERN } from '../domain/indicator/period';
import { METRIC_PATTERN } from '../indicators/write/common-fields';
import { ID_PATTERN } from '../http/id-param.pipe';
import { Refuses } from '../http/route-refusals';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../http/page-query.dto';
import { ReadModelFreshness } from '../infrastructure/read-model-freshness';
import { ProgressReportsReadModel } from '../read-models/progress-reports/progress-reports.read-model';
import { PROGRESS_REPORTS_LIST_SCHEMA } from '../inspection/read/inspection-views.schema';

export class ListProgressReportsDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ind-10' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'indicatorId must be an indicator id' })
  indicatorId?: string;

  @ApiPropertyOptional({ description: 'The unit the report was made for.', example: 'phong-lao-dong-thuong-binh-xa-hoi' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: '2021-Q2' })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY' })
  period?: string;

  @ApiPropertyOptional({ example: 'new_jobs' })
  @IsOptional()
  @IsString()
  @Matches(METRIC_PATTERN, { message: 'metric must be a snake_case key' })
  metric?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`false`: reports no document backs (none cited with the report, its corrections or answers to queries on it).' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'hasEvidence must be true or false' })
  hasEvidence?: 'true' | 'false';
}

export type ProgressReportView = Omit<ProgressReportDocument, '_id' | 'lastPosition'>;

export interface ProgressReportList {
  items: ProgressReportView[];
  total: number;
}

export class ListProgressReportsQuery extends Query<ProgressReportList> {
  constructor(readonly filters: Omit<ListProgressReportsDto, 'minPosition'>) {
    super();
  }
}

@QueryHandler(ListProgressReportsQuery)
export class ListProgressReportsHandler implements IQueryHandler<ListProgressReportsQuery, ProgressReportList> {
  constructor(private readonly reports: ProgressReportsReadModel) {}

  async execute({ filters }: ListProgressReportsQuery): Promise<ProgressReportList> {
    const { indicatorId, unitId, period, metric, hasEvidence } = filters;
    const page = await this.reports.list(
      { indicatorId, unitId, period, metric, hasEvidence: hasEvidence === undefined ? undefined : hasEvidence === 'true' },
      { limit: filters.limit ?? DEFAULT_PAGE_SIZE, offset: filters.offset ?? 0 },
    );
    return { items: page.items.map(({ _id, lastPosition, ...view }) => view), total: page.total };
  }
}

/** Open to every key, like the history that already shows each report and its documents. */
@ApiTags('progress reports')
@ApiBearerAuth()
@Controller('progress-reports')
export class ProgressReportsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Progress reports with their corrections and cited documents; `hasEvidence=false` lists the unbacked ones' })
  @ApiOkResponse({ schema: PROGRESS_REPORTS_LIST_SCHEMA })
  @Refuses({ reads: ['read-models'] })
  async list(@QueryParams() query: ListProgressReportsDto): Promise<ProgressReportList> {
    const { minPosition, ...filters } = query;
    await this.freshness.waitFor(minPosition);
    return this.queryBus.execute(new ListProgressReportsQuery(filters));
  }
}
