/**
 * `GET /audit/queries`: the inspection committee's worklist of queries on reports, from the
 * `report_queries` read model. Oldest first, so the query waiting longest comes first.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { REPORT_QUERY_STATUSES, type ReportQueryDocument, type ReportQueryStatus } from '../../../projections/report-queries';
import { ID_PATTERN } from '../../http/id-param.pipe';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../http/page-query.dto';
import { ReportQueriesReadModel } from '../../read-models/report-queries/report-queries.read-model';

export class ListReportQueriesDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_QUERY_STATUSES, description: '`open`: awaiting an answer; `answered`: awaiting the conclusion; `closed`.' })
  @IsOptional()
  @IsIn(REPORT_QUERY_STATUSES)
  status?: ReportQueryStatus;

  @ApiPropertyOptional({ example: 'ind-10' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'indicatorId must be an indicator id' })
  indicatorId?: string;

  @ApiPropertyOptional({ description: 'The unit that made the queried report.', example: 'phong-lao-dong-thuong-binh-xa-hoi' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;
}

export type ReportQueryView = Omit<ReportQueryDocument, '_id' | 'lastPosition'>;

export interface ReportQueryList {
  items: ReportQueryView[];
  total: number;
}

export class ListReportQueriesQuery extends Query<ReportQueryList> {
  constructor(readonly filters: Omit<ListReportQueriesDto, 'minPosition'>) {
    super();
  }
}

@QueryHandler(ListReportQueriesQuery)
export class ListReportQueriesHandler implements IQueryHandler<ListReportQueriesQuery, ReportQueryList> {
  constructor(private readonly reportQueries: ReportQueriesReadModel) {}

  async execute({ filters }: ListReportQueriesQuery): Promise<ReportQueryList> {
    const { status, indicatorId, unitId } = filters;
    const page = await this.reportQueries.list({ status, indicatorId, unitId }, { limit: filters.limit ?? DEFAULT_PAGE_SIZE, offset: filters.offset ?? 0 });
    return { items: page.items.map(({ _id, lastPosition, ...view }) => view), total: page.total };
  }
}
