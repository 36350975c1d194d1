import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_PATTERN } from '../../http/id-param.pipe';
import { DecisionRefField, ReasonField } from '../../indicators/write/common-fields';

export class RegisterUnitDto {
  @ApiProperty({ example: 'phong-kinh-te' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be a lowercase id of letters, digits, dots and dashes' })
  id!: string;

  @ApiProperty({ example: 'Phòng Kinh tế' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ example: 'P. Kinh tế' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  shortName?: string;

  @ApiPropertyOptional({ description: 'Whether the resolution names this unit.', default: false })
  @IsOptional()
  @IsBoolean()
  namedInResolution?: boolean;
}

export class RenameUnitDto {
  @ApiProperty({ example: 'Phòng Kinh tế - Hạ tầng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ReasonField('Why the unit is renamed.')
  reason!: string;
}

export class DeactivateUnitDto {
  @ReasonField('Why the unit is deactivated.')
  reason!: string;

  @DecisionRefField()
  decisionRef!: string;
}

/** What registering a unit answers: its id, and where its stream and the log now are. */
export class RegisterUnitResultDto {
  @ApiProperty({ example: 'phong-kinh-te' })
  id!: string;

  @ApiProperty({ type: 'integer', description: "Revision of the unit's stream (0 for a registration).", example: 0 })
  revision!: number;

  @ApiProperty({ type: 'integer', description: 'Global position of the write; pass as ?minPosition= to read it back.', example: 130 })
  position!: number;
}
