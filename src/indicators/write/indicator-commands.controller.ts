/** The command side of the indicator API. Each route builds a command and hands it to the bus. */
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal-directory';
import type { CommandOutcome } from '../../command-handling/stream-command-executor';
import { envelopeFor } from '../../http/command-request';
import type { HttpRequest, HttpResponse } from '../../http/http-exchange';
import { IdParamPipe } from '../../http/id-param.pipe';
import { IndicatorIdParam, ReportIdParam } from '../../http/path-params';
import { Refuses } from '../../http/route-refusals';
import { AssessIndicatorCommand } from './assess-indicator/assess-indicator.command';
import { AssessIndicatorDto } from './assess-indicator/assess-indicator.dto';
import { CommandResultDto, type CommandResult } from './command-result';
import { CorrectReportCommand } from './correct-report/correct-report.command';
import { CorrectReportDto } from './correct-report/correct-report.dto';
import { ReassignResponsibilityCommand } from './reassign-responsibility/reassign-responsibility.command';
import { ReassignResponsibilityDto } from './reassign-responsibility/reassign-responsibility.dto';
import { RegisterIndicatorCommand } from './register-indicator/register-indicator.command';
import { RegisterIndicatorDto, RegisterIndicatorResultDto } from './register-indicator/register-indicator.dto';
import { ReportProgressCommand, type ReportProgressResult } from './report-progress/report-progress.command';
import { ReportProgressDto, ReportProgressResultDto } from './report-progress/report-progress.dto';
import { ReviseTargetCommand } from './revise-target/revise-target.command';
import { ReviseTargetDto } from './revise-target/revise-target.dto';

@ApiTags('indicators: commands')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an indicator or task' })
  @Refuses({ command: 'RegisterIndicator' })
  @ApiCreatedResponse({ type: RegisterIndicatorResultDto })
  async register(@Body() body: RegisterIndicatorDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal: Principal) {
    const outcome = await this.commandBus.execute(new RegisterIndicatorCommand(body, envelopeFor(req, principal)));
    return { id: body.id, ...respond(res, outcome) };
  }

  @Post(':id/progress-reports')
  @HttpCode(201)
  @ApiOperation({ summary: 'Report progress for a period' })
  @IndicatorIdParam()
  @Refuses({ command: 'ReportProgress' })
  @ApiCreatedResponse({ type: ReportProgressResultDto })
  async report(@Param('id', IdParamPipe) id: string, @Body() body: ReportProgressDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal: Principal) {
    const { expectedRevision, ...input } = body;
    const outcome: ReportProgressResult = await this.commandBus.execute(new ReportProgressCommand(id, input, envelopeFor(req, principal, expectedRevision)));
    return { reportId: outcome.reportId, ...respond(res, outcome) };
  }

  @Post(':id/progress-reports/:reportId/corrections')
  @HttpCode(201)
  @ApiOperation({ summary: 'Correct a report, with a reason' })
  @IndicatorIdParam()
  @ReportIdParam()
  @Refuses({ command: 'CorrectProgressReport' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async correct(@Param('id', IdParamPipe) id: string, @Param('reportId', IdParamPipe) reportId: string, @Body() body: CorrectReportDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal: Principal) {
    const { expectedRevision, ...input } = body;
    return respond(res, await this.commandBus.execute(new CorrectReportCommand(id, reportId, input, envelopeFor(req, principal, expectedRevision))));
  }

  @Post(':id/reassignments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Change the responsible unit (coordinator or standing committee)' })
  @IndicatorIdParam()
  @Refuses({ command: 'ReassignResponsibility' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async reassign(@Param('id', IdParamPipe) id: string, @Body() body: ReassignResponsibilityDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal: Principal) {
    const { expectedRevision, ...input } = body;
    return respond(res, await this.commandBus.execute(new ReassignResponsibilityCommand(id, input, envelopeFor(req, principal, expectedRevision))));
  }

  @Post(':id/target-revisions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Revise a target (standing committee)' })
  @IndicatorIdParam()
  @Refuses({ command: 'ReviseTarget' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async revise(@Param('id', IdParamPipe) id: string, @Body() body: ReviseTargetDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal: Principal) {
    const { expectedRevision, ...input } = body;
    return respond(res, await this.commandBus.execute(new ReviseTargetCommand(id, input, envelopeFor(req, principal, expectedRevision))));
  }

  @Post(':id/assessment')
  @HttpCode(201)
  @ApiOperation({ summary: 'Final assessment; closes the indicator (standing committee)' })
  @IndicatorIdParam()
  @Refuses({ command: 'AssessIndicator' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async assess(@Param('id', IdParamPipe) id: string, @Body() body: AssessIndicatorDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal: Principal) {
    const { expectedRevision, ...input } = body;
    return respond(res, await this.commandBus.execute(new AssessIndicatorCommand(id, input, envelopeFor(req, principal, expectedRevision))));
  }
}

/** Sets the ETag to the new revision and flags a replayed (idempotent) answer. */
export function respond(res: HttpResponse, outcome: CommandOutcome): CommandResult {
  res.header('ETag', `"${outcome.revision}"`);
  if (outcome.replayed) res.header('Idempotent-Replayed', 'true');
  return { revision: outcome.revision, position: outcome.position };
}
