import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMPARATORS, MEASURES, type Accumulation, type Comparator, type Measure } from '../../../domain/indicator/target';
import { MetricField } from '../common-fields';

export class TargetDto {
  @MetricField()
  metric!: string;

  @ApiProperty({ description: 'The target as worded in the resolution.', example: 'Kết nạp mới từ 450 đảng viên trở lên' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  label!: string;

  @ApiProperty({ enum: COMPARATORS, example: '>=' })
  @IsIn(COMPARATORS)
  comparator!: Comparator;

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

  @ApiProperty({ description: 'Display unit.', example: 'đảng viên' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unit!: string;

  @ApiProperty({ enum: MEASURES, example: 'count' })
  @IsIn(MEASURES)
  measure!: Measure;

  @ApiProperty({ enum: ['cumulative', 'level'], example: 'cumulative' })
  @IsIn(['cumulative', 'level'])
  accumulation!: Accumulation;

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
