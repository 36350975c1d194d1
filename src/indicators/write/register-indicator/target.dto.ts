import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { COMPARATORS, MEASURES, TARGET_KINDS, type Accumulation, type Comparator, type Measure, type TargetKind } from '../../../domain/indicator/target';
import { MetricField } from '../common-fields';

/** A numeric target needs its comparator, unit, measure and accumulation; a milestone has none (the decider refuses them). */
const isNumeric = (target: TargetDto): boolean => target.kind !== 'milestone';

export class TargetDto {
  @MetricField()
  metric!: string;

  @ApiPropertyOptional({
    enum: TARGET_KINDS,
    default: 'numeric',
    description: '`numeric` (default): a figure compared with the goal. `milestone` (nhiệm vụ định tính): a task reported by its state and a narrative; it takes no comparator, value, unit, measure or accumulation, only an optional dueDate.',
  })
  @IsOptional()
  @IsIn(TARGET_KINDS)
  kind?: TargetKind;

  @ApiProperty({ description: 'The target as worded in the resolution.', example: 'Kết nạp mới từ 450 đảng viên trở lên' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  label!: string;

  @ApiPropertyOptional({ enum: COMPARATORS, example: '>=', description: 'Required for a numeric target.' })
  @ValidateIf(isNumeric)
  @IsIn(COMPARATORS)
  comparator?: Comparator;

  @ApiPropertyOptional({ example: 450 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number;

  @ApiPropertyOptional({ example: 70 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;

  @ApiPropertyOptional({ description: 'Display unit; required for a numeric target.', example: 'đảng viên' })
  @ValidateIf(isNumeric)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unit?: string;

  @ApiPropertyOptional({ enum: MEASURES, example: 'count', description: 'Required for a numeric target.' })
  @ValidateIf(isNumeric)
  @IsIn(MEASURES)
  measure?: Measure;

  @ApiPropertyOptional({ enum: ['cumulative', 'level'], example: 'cumulative', description: 'Required for a numeric target.' })
  @ValidateIf(isNumeric)
  @IsIn(['cumulative', 'level'])
  accumulation?: Accumulation;

  @ApiPropertyOptional({ example: '2021-09-30' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be YYYY-MM-DD' })
  dueDate?: string;

  @ApiPropertyOptional({ example: 'DDCI' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  rankingIndex?: string;
}
