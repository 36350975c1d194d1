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
