/** Units: who is responsible for what, and the commands that register, rename and deactivate them. */
import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParams, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal-directory';
import { envelopeFor } from '../http/command-request';
import type { HttpRequest } from '../http/http-exchange';
import { IdParamPipe } from '../http/id-param.pipe';
import { UnitIdParam } from '../http/path-params';
import { Refuses } from '../http/route-refusals';
import { BooleanQueryParam } from '../http/boolean-query';
import { ReadQueryDto } from '../http/read-query.dto';
import { ReadModelFreshness } from '../infrastructure/read-model-freshness';
import { GetUnitQuery, ListUnitsQuery } from './read/unit-queries';
import { DeactivateUnitCommand, RegisterUnitCommand, RenameUnitCommand } from './write/unit-commands';
import { DeactivateUnitDto, RegisterUnitDto, RegisterUnitResultDto, RenameUnitDto } from './write/unit.dto';
import { CommandResultDto } from '../indicators/write/command-result';
import { UNIT_LIST_SCHEMA, UNIT_SCHEMA } from './unit-view.schema';

export class ListUnitsQueryDto extends ReadQueryDto {
  @BooleanQueryParam('true: only active units; false: only deactivated ones (with what they still answer for); absent: every unit.')
  active?: boolean;
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Units and the indicators each is responsible for' })
  @ApiOkResponse({ schema: UNIT_LIST_SCHEMA })
  @Refuses({ reads: ['read-models'] })
  async list(@QueryParams() query: ListUnitsQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new ListUnitsQuery(query.active));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit, its name history and its responsibilities' })
  @ApiOkResponse({ schema: UNIT_SCHEMA })
  @UnitIdParam()
  @Refuses({ reads: ['read-models'], codes: { 404: ['UNIT_NOT_FOUND'] } })
  async get(@Param('id', IdParamPipe) id: string, @QueryParams() query: ReadQueryDto) {
    await this.freshness.waitFor(query.minPosition);
    return this.queryBus.execute(new GetUnitQuery(id));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a unit (coordinator or standing committee)' })
  @ApiCreatedResponse({ type: RegisterUnitResultDto })
  @Refuses({ command: 'RegisterUnit' })
  async register(@Body() body: RegisterUnitDto, @Req() req: HttpRequest, @CurrentPrincipal() principal: Principal) {
    const data = { unitId: body.id, name: body.name, namedInResolution: body.namedInResolution ?? false, ...(body.shortName ? { shortName: body.shortName } : {}) };
    const { revision, position } = await this.commandBus.execute(new RegisterUnitCommand(data, envelopeFor(req, principal)));
    return { id: body.id, revision, position };
  }

  @Post(':id/renaming')
  @HttpCode(201)
  @ApiOperation({ summary: 'Rename a unit, with a reason' })
  @UnitIdParam()
  @Refuses({ command: 'RenameUnit' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async rename(@Param('id', IdParamPipe) id: string, @Body() body: RenameUnitDto, @Req() req: HttpRequest, @CurrentPrincipal() principal: Principal) {
    const { revision, position } = await this.commandBus.execute(new RenameUnitCommand({ unitId: id, ...body }, envelopeFor(req, principal)));
    return { revision, position };
  }

  @Post(':id/deactivation')
  @HttpCode(201)
  @ApiOperation({ summary: 'Deactivate a unit, with a reason and a decision reference' })
  @UnitIdParam()
  @Refuses({ command: 'DeactivateUnit' })
  @ApiCreatedResponse({ type: CommandResultDto })
  async deactivate(@Param('id', IdParamPipe) id: string, @Body() body: DeactivateUnitDto, @Req() req: HttpRequest, @CurrentPrincipal() principal: Principal) {
    const { revision, position } = await this.commandBus.execute(new DeactivateUnitCommand({ unitId: id, ...body }, envelopeFor(req, principal)));
    return { revision, position };
  }
}
