import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { IndicatorKind } from '../../domain/indicator/events';
import { TARGET_STATUSES, type TargetStatus } from '../../domain/indicator/status';
import { ID_PATTERN } from '../../http/id-param.pipe';
import { PageQueryDto } from '../../http/page-query.dto';
import { BooleanQueryParam } from '../../http/boolean-query';

export class ListIndicatorsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Group key, e.g. party_building, economy, society, environment, infrastructure.', example: 'economy' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'group must be a snake_case key' })
  group?: string;

  @ApiPropertyOptional({ enum: ['indicator', 'task'] })
  @IsOptional()
  @IsIn(['indicator', 'task'])
  kind?: IndicatorKind;

  @ApiPropertyOptional({ description: 'Responsible unit id.', example: 'ubnd-thanh-pho' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'unit must be a unit id' })
  unit?: string;

  @ApiPropertyOptional({ enum: TARGET_STATUSES, description: 'Indicators with at least one target in this status.' })
  @IsOptional()
  @IsIn(TARGET_STATUSES)
  status?: TargetStatus;

  @BooleanQueryParam(
    'false: only indicators whose responsible unit has been deactivated. They wait for a reassignment ' +
      '(POST /indicators/{id}/reassignments): the unit\'s keys can no longer report on them. true: only those whose unit is active.',
  )
  responsibleUnitActive?: boolean;
}
