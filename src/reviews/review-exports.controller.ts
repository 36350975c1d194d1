/**
 * A review as a file and as a page: the XLSX workbook and the printable report to the Ban Thường
 * vụ. Both hold exactly what `GET /reviews/{period}` answers at the same `asOf`, so they are open
 * to the same callers.
 */
import { Controller, Get, Param, Query as QueryParams, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CONTENT_TYPES } from '../exports/table';
import { toXlsxWorkbook } from '../exports/xlsx';
import type { HttpResponse } from '../http/http-exchange';
import { parseIsoInstant } from '../http/iso-instant';
import { Refuses } from '../http/route-refusals';
import { ReadModelFreshness } from '../infrastructure/read-model-freshness';
import { ResolutionsReadModel } from '../read-models/resolutions/resolutions.read-model';
import { reviewPrintPage } from './export/review-print';
import { reviewTables } from './export/review-workbook';
import { GetReviewQuery, type ReviewView } from './get-review.query';
import { ReviewPeriodParam, ReviewQueryDto } from './review.dto';

const REFUSALS = { reads: ['read-models', 'event-store'], codes: { 400: ['INVALID_REVIEW_PERIOD'], 404: ['RESOLUTION_NOT_FOUND'] } } as const;

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewExportsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
    private readonly resolutions: ResolutionsReadModel,
  ) {}

  @Get(':period/export.xlsx')
  @ApiOperation({ summary: 'The review as an XLSX workbook: totals, indicators and tasks, what was recorded, what was not reported, the approval' })
  @ApiOkResponse({ description: 'The workbook, as an attachment.', content: { [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } } })
  @ReviewPeriodParam()
  @Refuses(REFUSALS)
  async xlsx(@Param('period') period: string, @QueryParams() query: ReviewQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const review = await this.review(period, query);
    const body = await toXlsxWorkbook(reviewTables(review));
    const fileName = `so-ket-${review.period}.xlsx`;
    res.header('Content-Type', CONTENT_TYPES.xlsx);
    res.header('Content-Disposition', `attachment; filename="${fileName}"`);
    res.header('Content-Length', String(body.length));
    return new StreamableFile(body);
  }

  @Get(':period/print')
  @ApiOperation({
    summary: 'The review as a printable page: a report to the Ban Thường vụ (Vietnamese headings, numbered sections, the approval line)',
    description: 'HTML with no script and one stylesheet (A4, `@media print`); its content-security policy allows that stylesheet by hash and nothing else.',
  })
  @ApiOkResponse({ description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ReviewPeriodParam()
  @Refuses(REFUSALS)
  async print(@Param('period') period: string, @QueryParams() query: ReviewQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    const review = await this.review(period, query);
    const resolution = await this.resolutions.get(review.content.resolutionId);
    const page = reviewPrintPage(review, { resolutionTitle: resolution?.title ?? null });
    // Set once the page exists: a refusal is answered as JSON, like every other.
    res.header('Content-Type', 'text/html; charset=utf-8');
    return page;
  }

  private async review(period: string, query: ReviewQueryDto): Promise<ReviewView> {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetReviewQuery(period, parseIsoInstant(query.asOf)));
  }
}
