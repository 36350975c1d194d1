import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches } from 'class-validator';
import { COMPARATORS, type Comparator } from '../../../domain/indicator/target';
import { DecisionRefField, ExpectedRevisionField, MetricField, ReasonField } from '../common-fields';

export class ReviseTargetDto {
  @MetricField()
  metric!: string;

  @ApiPropertyOptional({ enum: COMPARATORS, example: '>=' })
  @IsOptional()
  @IsIn(COMPARATORS)
  comparator?: Comparator;

  @ApiPropertyOptional({ description: 'New threshold (or top-group size).', example: 85 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @ApiPropertyOptional({ description: 'New lower bound of a range.', example: 60 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number;

  @ApiPropertyOptional({ description: 'New upper bound of a range.', example: 70 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;

  @ApiPropertyOptional({ description: 'New due date, YYYY-MM-DD.', example: '2021-10-31' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be YYYY-MM-DD' })
  dueDate?: string;

  @ReasonField('Why the target changes.')
  reason!: string;

  @DecisionRefField()
  decisionRef!: string;

  @ExpectedRevisionField()
  expectedRevision?: number;
}
