/**
 * The inspector's workflow over HTTP: raise a query on a report, answer it, close it. Each route
 * builds a command for the indicator stream; the rules are the decider's (src/domain/indicator/decisions/inspection.ts).
 */
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal-directory';
import { envelopeFor } from '../../http/command-request';
import type { HttpRequest, HttpResponse } from '../../http/http-exchange';
import { IdParamPipe } from '../../http/id-param.pipe';
import { IndicatorIdParam, QueryIdParam, ReportIdParam } from '../../http/path-params';
import { Refuses } from '../../http/route-refusals';
import { CommandResultDto } from '../../indicators/write/command-result';
import { respond } from '../../indicators/write/indicator-commands.controller';
import { AnswerQueryCommand, AnswerQueryDto } from './answer-query';
import { CloseQueryCommand, CloseQueryDto } from './close-query';
import { RaiseQueryCommand, RaiseQueryDto, RaiseQueryResultDto, type RaiseQueryResult } from './raise-query';

@ApiTags('inspection: queries on reports')
@ApiBearerAuth()
@Controller('indicators')
export class InspectionCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/progress-reports/:reportId/queries')
  @HttpCode(201)
  @ApiOperation({ summary: 'Raise a query on a progress report (inspector)' })
  @IndicatorIdParam()
  @ReportIdParam()
  @Refuses({ command: 'RaiseReportQuery' })
  @ApiCreatedResponse({ type: RaiseQueryResultDto })
  async raise(
    @Param('id', IdParamPipe) id: string,
    @Param('reportId', IdParamPipe) reportId: string,
    @Body() body: RaiseQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @CurrentPrincipal() principal: Principal,
  ) {
    const outcome: RaiseQueryResult = await this.commandBus.execute(new RaiseQueryCommand(id, reportId, body.question, envelopeFor(req, principal, body.expectedRevision)));
    return { queryId: outcome.queryId, ...respond(res, outcome) };
  }

  @Post(':id/queries/:queryId/answers')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer a query, optionally with a correction (reporter of the responsible unit, coordinator)' })
  @IndicatorIdParam()
  @QueryIdParam()
  @Refuses({ command: 'AnswerReportQuery' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async answer(
    @Param('id', IdParamPipe) id: string,
    @Param('queryId', IdParamPipe) queryId: string,
    @Body() body: AnswerQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { expectedRevision, ...input } = body;
    return respond(res, await this.commandBus.execute(new AnswerQueryCommand(id, queryId, input, envelopeFor(req, principal, expectedRevision))));
  }

  @Post(':id/queries/:queryId/closure')
  @HttpCode(201)
  @ApiOperation({ summary: 'Close an answered query with a conclusion (inspector)' })
  @IndicatorIdParam()
  @QueryIdParam()
  @Refuses({ command: 'CloseReportQuery' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async close(
    @Param('id', IdParamPipe) id: string,
    @Param('queryId', IdParamPipe) queryId: string,
    @Body() body: CloseQueryDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @CurrentPrincipal() principal: Principal,
  ) {
    return respond(res, await this.commandBus.execute(new CloseQueryCommand(id, queryId, body.conclusion, envelopeFor(req, principal, body.expectedRevision))));
  }
}
