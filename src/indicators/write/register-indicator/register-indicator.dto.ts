import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResultDto } from '../command-result';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { IndicatorKind } from '../../../domain/indicator/events';
import { ID_PATTERN } from '../../../http/id-param.pipe';
import { TargetDto } from './target.dto';

export class RegisterIndicatorDto {
  @ApiProperty({ example: 'ind-03' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be a lowercase id of letters, digits, dots and dashes' })
  id!: string;

  @ApiProperty({ example: 'hl-2021' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'resolutionId must be a lowercase id' })
  resolutionId!: string;

  @ApiProperty({ enum: ['indicator', 'task'] })
  @IsIn(['indicator', 'task'])
  kind!: IndicatorKind;

  @ApiPropertyOptional({ description: 'Number in the resolution (key indicators only).', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  number?: number;

  @ApiProperty({ example: 'party_building' })
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'group must be a snake_case key' })
  group!: string;

  @ApiProperty({ example: 'I.2' })
  @IsString()
  @Matches(/^[IVX]+(\.\d+){0,3}$/, { message: 'section must look like I.2 or II.7.1' })
  section!: string;

  @ApiProperty({ example: 'Số lượng đảng viên được kết nạp mới' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  name!: string;

  @ApiProperty({ example: 'co-quan-to-chuc-noi-vu' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'responsibleUnitId must be a lowercase id' })
  responsibleUnitId!: string;

  @ApiPropertyOptional({ description: 'True when the resolution names no unit and this one was assumed.' })
  @IsOptional()
  @IsBoolean()
  responsibilityAssumed?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'For a task: the key indicators (ids) it works towards, e.g. a task to reform administration supports ind-09. Refused on a key indicator.',
    example: ['ind-09'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: 'supportsIndicators must hold indicator ids' })
  supportsIndicators?: string[];

  @ApiProperty({ type: [TargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets!: TargetDto[];
}

/** What registering answers: the new indicator's id, besides where its stream now is. */
export class RegisterIndicatorResultDto extends CommandResultDto {
  @ApiProperty({ example: 'ind-10' })
  id!: string;
}
