/**
 * Exports for the inspection committee: one indicator's history and the year's indicator table, as
 * CSV (UTF-8 with BOM, `;`, decimal comma) or XLSX. Open to every key: they hold exactly what
 * GET /indicators and GET /indicators/{id}/history already show every key.
 */
import { Controller, Get, Param, Query as QueryParams, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { HttpResponse } from '../http/http-exchange';
import { IdParamPipe } from '../http/id-param.pipe';
import { IndicatorIdParam } from '../http/path-params';
import { Refuses } from '../http/route-refusals';
import { IndicatorHistoryQueryDto } from '../indicators/read/indicator-history.query-dto';
import { ListIndicatorsQueryDto } from '../indicators/read/list-indicators.query-dto';
import { ReadModelFreshness } from '../infrastructure/read-model-freshness';
import { toCsv } from './csv';
import { ExportIndicatorHistoryQuery } from './indicator-history.export';
import { ExportIndicatorTableQuery } from './indicator-table.export';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, type ExportTable } from './table';
import { toXlsx } from './xlsx';

/** The history's own filters and order (not its pages: an export holds every matching entry), and the format. */
export class ExportHistoryDto extends OmitType(IndicatorHistoryQueryDto, ['limit', 'offset'] as const) {
  @ApiProperty({ enum: EXPORT_FORMATS, example: 'csv', description: 'csv: UTF-8 with BOM, `;` separated, decimal comma. xlsx: numeric and date cells.' })
  @IsIn(EXPORT_FORMATS, { message: 'format must be csv or xlsx' })
  format!: ExportFormat;
}

export class ExportIndicatorsDto extends OmitType(ListIndicatorsQueryDto, ['limit', 'offset'] as const) {
  @ApiProperty({ enum: EXPORT_FORMATS, example: 'csv' })
  @IsIn(EXPORT_FORMATS, { message: 'format must be csv or xlsx' })
  format!: ExportFormat;
}

/** The file, in the format asked for. */
const FILE_ANSWER = {
  description: 'The file, as an attachment (Content-Disposition names it).',
  content: Object.fromEntries(Object.values(CONTENT_TYPES).map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }])),
};

@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class ExportsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get('indicators/:id/history/export')
  @ApiOperation({ summary: "One indicator's audit history as CSV or XLSX; filters `from`, `to`, `type`, `actor`, `unit`, position cursors and `order` as GET /indicators/{id}/history" })
  @ApiOkResponse(FILE_ANSWER)
  @IndicatorIdParam()
  @Refuses({ reads: ['read-models'], codes: { 400: ['INVALID_RANGE'], 404: ['INDICATOR_NOT_FOUND'] } })
  async history(@Param('id', IdParamPipe) id: string, @QueryParams() query: ExportHistoryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const { minPosition, format, order, type, ...criteria } = query;
    await this.freshness.waitFor(minPosition);
    const table: ExportTable = await this.queryBus.execute(new ExportIndicatorHistoryQuery(id, { ...criteria, types: type }, order));
    return send(res, table, format);
  }

  @Get('exports/indicators')
  @ApiOperation({ summary: "The year's indicator table (targets, latest values, status, responsible unit) as CSV or XLSX; filters as GET /indicators" })
  @ApiOkResponse(FILE_ANSWER)
  @Refuses({ reads: ['read-models'] })
  async indicators(@QueryParams() query: ExportIndicatorsDto, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const { minPosition, format, ...filters } = query;
    await this.freshness.waitFor(minPosition);
    const table: ExportTable = await this.queryBus.execute(new ExportIndicatorTableQuery(filters));
    return send(res, table, format);
  }
}

async function send(res: HttpResponse, table: ExportTable, format: ExportFormat): Promise<StreamableFile> {
  const body = format === 'csv' ? await toCsv(table) : await toXlsx(table);
  const fileName = `${table.fileBaseName}.${format}`;
  res.header('Content-Type', CONTENT_TYPES[format]);
  res.header('Content-Disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.header('Content-Length', String(body.length));
  return new StreamableFile(body);
}
