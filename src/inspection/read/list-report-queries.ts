/**
 * `GET /audit/queries`: the inspection committee's worklist of queries on reports, from the
 * `report_queries` read model. Oldest first, so the query waiting longest comes first.
 */
import { Inject } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { REPORT_QUERIES_COLLECTION, REPORT_QUERY_STATUSES, type ReportQueryDocument, type ReportQueryStatus } from '../../../projections/report-queries';
import { ID_PATTERN } from '../../http/id-param.pipe';
import { ReadQueryDto } from '../../http/read-query.dto';
import { READ_STORE } from '../../infrastructure/tokens';
import type { Filter, ReadStore } from '../../read-store/read-store.port';

export class ListReportQueriesDto extends ReadQueryDto {
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

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
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
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ filters }: ListReportQueriesQuery): Promise<ReportQueryList> {
    const filter: Filter = {};
    if (filters.status) filter.status = filters.status;
    if (filters.indicatorId) filter.indicatorId = filters.indicatorId;
    if (filters.unitId) filter.unitId = filters.unitId;
    const collection = this.readStore.collection<ReportQueryDocument>(REPORT_QUERIES_COLLECTION);
    const [documents, total] = await Promise.all([
      collection.find(filter, { sort: { raisedAt: 1, _id: 1 }, skip: filters.offset ?? 0, limit: filters.limit ?? 100 }),
      collection.countDocuments(filter),
    ]);
    return { items: documents.map(({ _id, lastPosition, ...view }) => view), total };
  }
}
